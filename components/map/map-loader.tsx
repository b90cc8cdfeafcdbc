'use client';
import dynamic from 'next/dynamic';
import type { MapViewProps } from './map-view';

// Leaflet touches `window` and is large: load it only in the browser, after first paint.
// The request starts as soon as this module runs in the browser, not when hydration reaches the
// map: on a slow link the map's code (and its region names, often the largest text painted)
// then arrives that much sooner. Both imports resolve to the same chunk.
if (typeof window !== 'undefined') void import('./map-view');
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
