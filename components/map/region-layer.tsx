'use client';
import L from 'leaflet';
import type { FeatureCollection, MultiPolygon, Polygon as GeoPolygon } from 'geojson';
import { memo, useMemo } from 'react';
import { Polygon } from 'react-leaflet';
import regionsData from '@/lib/geo/data/regions.geo.json';
import type { RegionFacet } from '@/db/queries/facets';
import { choroplethColour } from '@/lib/map/scales';
import type { ThemeColours } from './theme-colours';

interface RegionProps {
  id: string;
  name: string;
  approximate: boolean;
}
const regions = (regionsData as unknown as FeatureCollection<GeoPolygon | MultiPolygon, RegionProps>).features.map((f) => ({
  ...f.properties,
  positions: L.GeoJSON.coordsToLatLngs(f.geometry.coordinates, f.geometry.type === 'Polygon' ? 1 : 2) as L.LatLng[][] | L.LatLng[][][],
}));

export type ChoroplethMode = 'off' | 'count' | 'killed';

/**
 * The four monitored regions, drawn as SVG (a handful of paths) above the canvas basemap; Barmal
 * dashed, as approximate. With the choropleth on, each region is filled by its count or killed
 * in the current filter. Their names are placed with the map's other labels (place-labels.tsx,
 * lib/geo/region-labels.ts), clear of the clusters. Memoised: live events must not redraw them.
 */
export const RegionLayer = memo(function RegionLayer({
  mode,
  values,
  breaks,
  theme,
}: {
  mode: ChoroplethMode;
  values: RegionFacet[];
  breaks: number[];
  theme: ThemeColours;
}) {
  const renderer = useMemo(() => L.svg({ padding: 0.3, pane: 'regions' }), []);
  const byRegion = new Map(values.map((v) => [v.value, v]));
  return (
    <>
      {regions.map((f) => {
        const v = byRegion.get(f.id);
        const value = mode === 'off' ? 0 : mode === 'count' ? (v?.count ?? 0) : (v?.killed ?? 0);
        const fill = mode === 'off' ? theme['region-fill'] : choroplethColour(value, breaks);
        const style = {
          color: theme['region-line'],
          weight: 1.5,
          dashArray: f.approximate ? '4 3' : undefined,
          fillColor: fill,
          fillOpacity: mode === 'off' ? 0.12 : 0.55,
          className: `fw-region fw-region-${f.id}`,
        };
        return (
          <Polygon
            key={f.id}
            positions={f.positions}
            pathOptions={style}
            className={style.className}
            renderer={renderer}
            interactive={false}
          />
        );
      })}
    </>
  );
});
