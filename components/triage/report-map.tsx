'use client';
import 'leaflet/dist/leaflet.css';
import type { FeatureCollection } from 'geojson';
import { useEffect, useMemo } from 'react';
import { CircleMarker, GeoJSON, MapContainer, Pane, Tooltip, useMap } from 'react-leaflet';
import basemapData from '@/lib/geo/data/basemap.geo.json';
import regionsData from '@/lib/geo/data/regions.geo.json';
import { useThemeColours } from '@/components/map/theme-colours';

const basemap = basemapData as unknown as FeatureCollection;
const regions = regionsData as unknown as FeatureCollection;
/** Zoom by the place's precision: a town, a district, a province. */
// Only the outlines are drawn here (the dashboard's map also credits GeoNames for its places).
const ATTRIBUTION = 'Natural Earth';
const ZOOM = { 1: 8, 2: 7, 3: 6 } as const;

export interface ReportMapProps {
  lat: number;
  lon: number;
  precision: 1 | 2 | 3 | null;
  label: string;
}

function Follow({ lat, lon, zoom }: { lat: number; lon: number; zoom: number }) {
  const map = useMap();
  useEffect(() => {
    map.setView([lat, lon], zoom, { animate: false });
  }, [map, lat, lon, zoom]);
  return null;
}

/**
 * The draft's place on a small map: the same offline basemap as the dashboard (no tile server),
 * the monitored regions, and one marker (a wider ring for a district or province).
 */
export default function ReportMap({ lat, lon, precision, label }: ReportMapProps) {
  const theme = useThemeColours();
  const zoom = ZOOM[precision ?? 1];
  const base = useMemo(() => ({ color: theme['basemap-line'], weight: 0.8, fillColor: theme['basemap-fill'], fillOpacity: 1 }), [theme]);
  const region = useMemo(() => ({ color: theme['region-line'], weight: 1, fill: false, dashArray: '3 3' }), [theme]);
  return (
    <MapContainer center={[lat, lon]} zoom={zoom} minZoom={4} maxZoom={12} className="fw-triage-leaflet" attributionControl>
      <Pane name="basemap" style={{ zIndex: 250 }}>
        <GeoJSON data={basemap} style={() => base} interactive={false} attribution={ATTRIBUTION} key={base.fillColor} />
      </Pane>
      <Pane name="regions" style={{ zIndex: 350 }}>
        <GeoJSON data={regions} style={() => region} interactive={false} key={region.color} />
      </Pane>
      <CircleMarker
        center={[lat, lon]}
        radius={precision === 3 ? 26 : precision === 2 ? 16 : 7}
        pathOptions={{ color: theme.live, weight: 2, fillColor: theme.live, fillOpacity: precision === 1 ? 0.8 : 0.2 }}
      >
        <Tooltip>{label}</Tooltip>
      </CircleMarker>
      <Follow lat={lat} lon={lon} zoom={zoom} />
    </MapContainer>
  );
}
