'use client';
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import type { FeatureCollection } from 'geojson';
import { useMemo } from 'react';
import { CircleMarker, GeoJSON, MapContainer, Tooltip, useMapEvents } from 'react-leaflet';
import basemapData from '@/lib/geo/data/basemap.geo.json';
import regionsData from '@/lib/geo/data/regions.geo.json';
import type { Site } from '@/lib/alerts/types';
import { useThemeColours } from '@/components/map/theme-colours';
import '@/components/map/sites-layer.css';

const basemap = basemapData as unknown as FeatureCollection;
const regions = regionsData as unknown as FeatureCollection;
/** As on the dashboard map (components/map/map-view.tsx), without importing its incident layers. */
const MAP_ATTRIBUTION = 'Natural Earth | GeoNames (CC-BY 4.0)';

export interface SitePickMapProps {
  sites: Site[];
  /** The point being added or edited, when its coordinates parse. */
  chosen: { lat: number; lon: number } | null;
  /** Absent for readers: the map then only shows the sites. */
  onPick?: (lat: number, lon: number) => void;
}

function ClickToPick({ onPick }: { onPick: (lat: number, lon: number) => void }) {
  useMapEvents({ click: (e) => onPick(Math.round(e.latlng.lat * 1e4) / 1e4, Math.round(e.latlng.lng * 1e4) / 1e4) });
  return null;
}

/** The sites on the offline basemap; with `onPick`, a click fills the form's coordinates (4 decimals, ≈ 11 m). */
export default function SitePickMap({ sites, chosen, onPick }: SitePickMapProps) {
  const theme = useThemeColours();
  const renderer = useMemo(() => L.svg(), []);
  const base = { color: theme['basemap-line'], weight: 0.8, fillColor: theme['basemap-fill'], fillOpacity: 1 };
  const region = { color: theme['region-line'], weight: 1.2, fillColor: theme['region-fill'], fillOpacity: 0.12 };
  return (
    <MapContainer center={[31.5, 67.5]} zoom={5} minZoom={3} maxZoom={14} className="fw-sites-map" renderer={renderer}>
      <GeoJSON data={basemap} style={() => base} interactive={false} attribution={MAP_ATTRIBUTION} key={`b${base.fillColor}`} />
      <GeoJSON data={regions} style={() => region} interactive={false} key={`r${region.fillColor}`} />
      {sites.map((s) => (
        <CircleMarker
          key={s.id}
          center={[s.lat, s.lon]}
          radius={5}
          interactive={false}
          pathOptions={{ color: theme.text, weight: 2, fillColor: theme.accent, fillOpacity: 0.9 }}
        >
          <Tooltip permanent direction="right" offset={[6, 0]} className="fw-site-label" interactive={false}>
            {s.name}
          </Tooltip>
        </CircleMarker>
      ))}
      {chosen && (
        <CircleMarker
          center={[chosen.lat, chosen.lon]}
          radius={9}
          interactive={false}
          pathOptions={{ color: theme.live, weight: 3, fillOpacity: 0, dashArray: '3 2' }}
        />
      )}
      {onPick && <ClickToPick onPick={onPick} />}
    </MapContainer>
  );
}
