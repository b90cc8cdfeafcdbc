'use client';
import dynamic from 'next/dynamic';
import type { MapViewProps } from './map-view';

// Leaflet touches `window` and is large: load it only in the browser, after first paint.
const MapView = dynamic(() => import('./map-view'), {
  ssr: false,
  loading: () => (
    <div className="fw-map-placeholder" role="status">
      Loading map…
    </div>
  ),
});

export function MapLoader(props: MapViewProps) {
  return <MapView {...props} />;
}
