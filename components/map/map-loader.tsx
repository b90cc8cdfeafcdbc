'use client';
import dynamic from 'next/dynamic';
import { createContext, useContext, type ReactNode } from 'react';
import type { MapViewProps } from './map-view';

/** The server-drawn picture of the map's opening view (map-preview.tsx), if the page passed one. */
const PreviewContext = createContext<ReactNode>(null);

/**
 * What shows until Leaflet's code has arrived: the page's preview of the area (on the first
 * paint, from the server's HTML) or, without one, a plain placeholder. Both say the map is loading.
 */
function MapPlaceholder() {
  const preview = useContext(PreviewContext);
  return (
    <div className="fw-map-placeholder" role="status">
      {preview}
      <span className={preview ? 'fw-map-loading-note' : undefined}>Loading map…</span>
    </div>
  );
}

// Leaflet touches `window` and is large: load it only in the browser. The request starts when this
// module runs (before hydration reaches the map), and next/dynamic is given the same loader, so both
// share one import: an `import()` written out twice became two async entries in the bundle, and
// the browser downloaded and parsed the map's code twice.
const loadMapView = () => import('./map-view');
if (typeof window !== 'undefined') void loadMapView();
const MapView = dynamic(loadMapView, { ssr: false, loading: MapPlaceholder });

export function MapLoader({ preview, ...props }: MapViewProps & { preview?: ReactNode }) {
  return (
    <PreviewContext value={preview ?? null}>
      <MapView {...props} />
    </PreviewContext>
  );
}
