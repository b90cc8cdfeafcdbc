'use client';
import L from 'leaflet';
import { useCallback, useEffect, useState } from 'react';
import { useMap } from 'react-leaflet';
import { fetchJson } from '@/hooks/queries';
import { REGION_FRAMES } from '@/lib/geo/map-frames';
import type { GeoBounds } from '@/lib/map/bounds';
import { MapControl } from './map-control';

/** Margin around fitted results and regions, and the closest a fit may zoom (one town, not a street). */
const FIT = { padding: L.point(36, 36), maxZoom: 11 } as const;
const toLatLngBounds = (b: GeoBounds) => L.latLngBounds([b.south, b.west], [b.north, b.east]);
const viewBounds = (map: L.Map) => {
  const b = map.getBounds();
  return `${[b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(4)).join(',')}@${map.getZoom()}`;
};

/**
 * "Zoom to results" and one button per monitored region. The results' box comes from the server
 * for the whole filter (GET /api/incidents/bounds), not from what the viewport happens to hold.
 * The current view (`west,south,east,north@zoom`) is kept on the group (data-view) for tests and tools.
 */
export function MapNavigator({ qs }: { qs: string }) {
  const map = useMap();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [view, setView] = useState(() => viewBounds(map));
  useEffect(() => {
    const update = () => setView(viewBounds(map));
    map.on('moveend', update);
    return () => {
      map.off('moveend', update);
    };
  }, [map]);

  const zoomToResults = useCallback(async () => {
    setBusy(true);
    setMessage('');
    try {
      const { total, bounds } = await fetchJson<{ total: number; bounds: GeoBounds | null }>(`/api/incidents/bounds${qs ? `?${qs}` : ''}`);
      if (!bounds) setMessage('No incidents match these filters.');
      else {
        map.flyToBounds(toLatLngBounds(bounds), { ...FIT, duration: 0.5 });
        setMessage(`Showing all ${total.toLocaleString('en-US')} incidents.`);
      }
    } catch {
      setMessage('Could not load where the results are.');
    } finally {
      setBusy(false);
    }
  }, [map, qs]);

  return (
    <MapControl position="topleft" className="fw-map-nav">
      <div role="group" aria-label="Move the map" data-testid="map-navigator" data-view={view}>
        <button type="button" data-testid="zoom-to-results" onClick={() => void zoomToResults()} disabled={busy} aria-busy={busy}>
          Zoom to results
        </button>
        {REGION_FRAMES.map((f) => (
          <button
            key={f.id}
            type="button"
            data-testid={`zoom-region-${f.id}`}
            data-bounds={[f.bounds.west, f.bounds.south, f.bounds.east, f.bounds.north].join(',')}
            title={`Show ${f.name}`}
            aria-label={`Show ${f.name}`}
            onClick={() => map.flyToBounds(toLatLngBounds(f.bounds), { ...FIT, duration: 0.5 })}
          >
            {f.label}
          </button>
        ))}
        <span className="sr-only" role="status">
          {message}
        </span>
      </div>
    </MapControl>
  );
}
