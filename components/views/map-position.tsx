'use client';
import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useMap } from 'react-leaflet';

export interface MapPosition {
  lat: number;
  lon: number;
  zoom: number;
}

interface MapPositionState {
  /** Where the map is now (recorded on every move; read when a view is saved). */
  read: () => MapPosition | null;
  record: (p: MapPosition) => void;
  /** Where a saved view puts the map; `key` changes when another view is opened. */
  target: (MapPosition & { key: number }) | null;
}

const MapPositionContext = createContext<MapPositionState | null>(null);

/** Shares the map's position between the map (inside the lazily loaded Leaflet chunk) and the header. */
export function MapPositionProvider({ target, children }: { target: MapPositionState['target']; children: ReactNode }) {
  const current = useRef<MapPosition | null>(null);
  const key = target ? `${target.key}:${target.lat}:${target.lon}:${target.zoom}` : '';
  const value = useMemo(
    () => ({
      read: () => current.current,
      record: (p: MapPosition) => {
        current.current = p;
      },
      target,
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `target`'s values
    [key],
  );
  return <MapPositionContext.Provider value={value}>{children}</MapPositionContext.Provider>;
}

export function useMapPosition(): MapPositionState | null {
  return useContext(MapPositionContext);
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/**
 * Inside the map: moves it to the opened view's position (once per view, so panning afterwards is
 * the analyst's), and records where it is after every move. The position is also written on the
 * map's element (`data-position`), which is how the e2e suite reads it.
 */
export function MapPositionSync() {
  const map = useMap();
  const state = useMapPosition();
  const target = state?.target ?? null;
  const targetKey = target?.key;
  useEffect(() => {
    if (target) map.setView([target.lat, target.lon], target.zoom, { animate: false });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per opened view
  }, [map, targetKey]);
  useEffect(() => {
    if (!state) return;
    const record = () => {
      const c = map.getCenter();
      const pos = { lat: round(c.lat, 5), lon: round(c.lng, 5), zoom: map.getZoom() };
      state.record(pos);
      map.getContainer().dataset.position = `${pos.lat},${pos.lon},${pos.zoom}`;
    };
    record();
    map.on('moveend', record);
    return () => {
      map.off('moveend', record);
    };
  }, [map, state]);
  return null;
}
