'use client';
import { useEffect, useRef, useState } from 'react';
import { ScaleControl, useMap } from 'react-leaflet';
import { formatLatLon } from '@/lib/geo/map-frames';
import { MapControl } from './map-control';

/** The cursor's coordinates (the map's centre when the pointer is elsewhere, e.g. on a phone). */
function CursorReadout() {
  const map = useMap();
  const [text, setText] = useState(() => {
    const c = map.getCenter();
    return formatLatLon(c.lat, c.lng);
  });
  const frame = useRef(0);
  useEffect(() => {
    // One update per frame at most: mousemove fires far more often than the screen repaints.
    const show = (lat: number, lon: number) => {
      cancelAnimationFrame(frame.current);
      frame.current = requestAnimationFrame(() => setText(formatLatLon(lat, lon)));
    };
    const onMove = (e: L.LeafletMouseEvent) => show(e.latlng.lat, e.latlng.lng);
    const onCentre = () => {
      const c = map.getCenter();
      show(c.lat, c.lng);
    };
    map.on('mousemove', onMove);
    map.on('mouseout moveend', onCentre);
    return () => {
      cancelAnimationFrame(frame.current);
      map.off('mousemove', onMove);
      map.off('mouseout moveend', onCentre);
    };
  }, [map]);
  return (
    <MapControl position="bottomright" className="fw-coords">
      <span className="tabular" data-testid="map-coords" title="Position under the cursor">
        {text}
      </span>
    </MapControl>
  );
}

/** Scale bar and coordinates, bottom right above the attribution (the legend holds the bottom left). */
export function MapReadouts() {
  return (
    <>
      <ScaleControl position="bottomright" imperial={false} maxWidth={120} />
      <CursorReadout />
    </>
  );
}
