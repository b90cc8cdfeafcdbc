'use client';
import type { FeatureCollection } from 'geojson';
import { useMemo } from 'react';
import { GeoJSON, Pane } from 'react-leaflet';
import admin1Data from '@/lib/geo/data/admin1.geo.json';
import type { ThemeColours } from './theme-colours';

const data = admin1Data as unknown as FeatureCollection;
const borders: FeatureCollection = { type: 'FeatureCollection', features: data.features.filter((f) => f.properties?.kind === 'border') };

/**
 * Province (admin-1) borders of Pakistan, Afghanistan, Tajikistan and Iran: thin dashed lines
 * between the basemap (250) and the monitored regions (350), so they orient without competing
 * with the regions or the incidents.
 */
export function Admin1Layer({ theme }: { theme: ThemeColours }) {
  const style = useMemo(() => ({ color: theme.muted, weight: 0.8, opacity: 0.55, dashArray: '3 3', fill: false }), [theme.muted]);
  return (
    <Pane name="admin1" style={{ zIndex: 300 }}>
      <GeoJSON data={borders} style={() => style} interactive={false} key={style.color} />
    </Pane>
  );
}
