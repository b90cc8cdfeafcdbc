'use client';
import 'leaflet/dist/leaflet.css';
import { useMemo } from 'react';
import { MapContainer, Pane, TileLayer } from 'react-leaflet';
import type { RegionFacet } from '@/db/queries/facets';
import type { MapResponse } from '@/hooks/queries';
import type { MapCellsResponse } from '@/lib/contract';
import type { MapDisplay } from '@/lib/map/display';
import { BasemapLayer } from './basemap-layer';
import { CellLayer } from './cell-layer';
import { FollowSelection } from './follow-selection';
import { MapPositionSync } from '@/components/views/map-position';
import { IncidentLayer } from './incident-layer';
import { MapGeography } from './map-geography';
import { MapAttribution } from './map-attribution';
import { RegionLayer, type ChoroplethMode } from './region-layer';
import { SitesLayer } from './sites-layer';
import { useThemeColours } from './theme-colours';
import { regionLabels } from '@/lib/geo/region-labels';
import { useStaged } from './use-staged';

export const MAP_ATTRIBUTION = 'Natural Earth | GeoNames (CC-BY 4.0)';

export interface MapViewProps {
  qs: string;
  choropleth: ChoroplethMode;
  regionValues: RegionFacet[];
  breaks: number[];
  tile: { url: string; attribution: string } | null;
  display: MapDisplay;
  onData: (d: MapResponse | MapCellsResponse | undefined, loading: boolean) => void;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The Leaflet map (client-only, loaded lazily). Offline by default: a muted vector basemap of
 * country outlines, the monitored regions above it, incidents on one canvas. A raster tile
 * layer is added only when the deployment configures TILE_URL.
 */
export default function MapView({ qs, choropleth, regionValues, breaks, tile, display, onData }: MapViewProps) {
  const theme = useThemeColours();
  const basemapStyle = useMemo(
    () => ({ color: theme['basemap-line'], weight: 0.8, fillColor: theme['basemap-fill'], fillOpacity: tile ? 0 : 1 }),
    [theme, tile],
  );
  // The map shows at once with its controls and starts the incidents' request; the basemap, the
  // regions and the geography follow one per frame (see useStaged), each a short task of its own.
  const stage = useStaged(4);
  // A region's label carries its shaded value: new labels (and a new placement) only when the shading changes.
  const labels = useMemo(
    () =>
      regionLabels(choropleth === 'off' ? null : new Map(regionValues.map((v) => [v.value, choropleth === 'count' ? v.count : v.killed]))),
    [choropleth, regionValues],
  );
  return (
    // Wheel zoom starts after 20 ms instead of Leaflet's 40 ms: the default debounce alone used a
    // large share of the 100 ms input-to-frame target; trackpads still coalesce into one zoom step.
    <MapContainer
      center={[31.5, 67.5]}
      zoom={5}
      minZoom={3}
      maxZoom={16}
      preferCanvas
      worldCopyJump={false}
      wheelDebounceTime={20}
      className="fw-leaflet"
      attributionControl
    >
      {tile && <TileLayer url={tile.url} attribution={escapeHtml(tile.attribution)} />}
      <Pane name="basemap" style={{ zIndex: 250 }}>
        {stage >= 1 && <BasemapLayer style={basemapStyle} />}
      </Pane>
      <Pane name="regions" style={{ zIndex: 350 }}>
        {stage >= 2 && <RegionLayer mode={choropleth} values={regionValues} breaks={breaks} theme={theme} />}
      </Pane>
      {stage >= 2 && <SitesLayer theme={theme} />}
      {display.mode === 'clusters' ? (
        <IncidentLayer qs={qs} theme={theme} onData={onData} />
      ) : (
        <CellLayer qs={qs} display={{ ...display, mode: display.mode }} theme={theme} onData={onData} />
      )}
      <MapGeography qs={qs} theme={theme} regionLabels={labels} stage={stage} />
      <MapAttribution text={MAP_ATTRIBUTION} />
      <FollowSelection />
      <MapPositionSync />
    </MapContainer>
  );
}
