'use client';
import L from 'leaflet';
import type { Feature, FeatureCollection } from 'geojson';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';

/** Observed main-thread time one slice of features may take (Lighthouse's mobile preset counts it ×4). */
const SLICE_MS = 8;

/**
 * The offline basemap (country outlines, ~200 KB of GeoJSON). The data is fetched as its own chunk
 * after the map shows, not evaluated with the map's code, and its features are added in slices of
 * a few milliseconds each, yielding between them: one GeoJSON layer built in one go was the
 * dashboard's longest task. A new style (theme, tile layer on or off) restyles the features in place.
 */
export function BasemapLayer({ style }: { style: L.PathOptions }) {
  const map = useMap();
  const layer = useRef<L.GeoJSON | null>(null);
  const styleRef = useRef(style);
  useEffect(() => {
    styleRef.current = style;
    layer.current?.setStyle(style);
  }, [style]);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const group = L.geoJSON(undefined, { pane: 'basemap', interactive: false, style: () => styleRef.current }).addTo(map);
    layer.current = group;
    const addFrom = (features: Feature[], start: number) => {
      if (cancelled) return;
      const began = performance.now();
      let i = start;
      while (i < features.length && (i === start || performance.now() - began < SLICE_MS)) group.addData(features[i++]);
      if (i < features.length) timer = setTimeout(() => addFrom(features, i));
    };
    void import('@/lib/geo/data/basemap.geo.json').then((m) => {
      const data = (m.default ?? m) as unknown as FeatureCollection;
      timer = setTimeout(() => addFrom(data.features, 0));
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
      group.remove();
      layer.current = null;
    };
  }, [map]);
  return null;
}
