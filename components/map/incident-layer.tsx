'use client';
import { useQuery } from '@tanstack/react-query';
import type L from 'leaflet';
import { memo, useEffect, useMemo, useState } from 'react';
import { CircleMarker, Marker, useMap, useMapEvents } from 'react-leaflet';
import { mapQuery, type MapResponse } from '@/hooks/queries';
import type { ClusterFeature, PointFeature } from '@/lib/map/cluster';
import { clusterRadius, groupColour, pointRadius } from '@/lib/map/scales';
import { clusterLabelIcon } from './cluster-icon';
import { useSelection } from './selection';
import type { ThemeColours } from './theme-colours';

export function viewOf(map: L.Map): { bbox: string; zoom: number } {
  const b = map.getBounds().pad(0.25);
  const r = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v * 100) / 100));
  return {
    bbox: [r(b.getWest(), -180, 180), r(b.getSouth(), -90, 90), r(b.getEast(), -180, 180), r(b.getNorth(), -90, 90)].join(','),
    zoom: Math.round(map.getZoom()),
  };
}

/** Server-clustered incidents for the current viewport, drawn on the canvas renderer (no DOM per incident). */
export function IncidentLayer({
  qs,
  theme,
  onData,
}: {
  qs: string;
  theme: ThemeColours;
  onData: (d: MapResponse | undefined, loading: boolean) => void;
}) {
  const map = useMap();
  const [view, setView] = useState(() => viewOf(map));
  useMapEvents({ moveend: () => setView(viewOf(map)) });
  const { data, isFetching } = useQuery(mapQuery(qs, view.bbox, view.zoom));
  const { hovered, selected, recent, setHovered, select } = useSelection();
  useEffect(() => onData(data, isFetching), [data, isFetching, onData]);
  if (!data) return null;
  return (
    <>
      {data.features.map((f) =>
        f.t === 'c' ? (
          <Cluster key={`c${f.id}-${f.n}`} f={f} theme={theme} />
        ) : (
          <Point
            key={f.id}
            f={f}
            theme={theme}
            colour={groupColour(f.g, data.colours)}
            active={hovered === f.id || selected === f.id}
            fresh={recent.has(f.id)}
            setHovered={setHovered}
            select={select}
          />
        ),
      )}
    </>
  );
}

const Cluster = memo(function Cluster({ f, theme }: { f: ClusterFeature; theme: ThemeColours }) {
  const map = useMap();
  const icon = useMemo(() => clusterLabelIcon(f.n), [f.n]);
  const zoomIn = () => map.flyTo([f.lat, f.lon], Math.max(f.e, map.getZoom() + 2), { duration: 0.4 });
  const r = clusterRadius(f.n);
  return (
    <>
      <CircleMarker
        center={[f.lat, f.lon]}
        radius={r}
        pathOptions={{ color: theme['cluster-line'], weight: 2, fillColor: theme['cluster-fill'], fillOpacity: 0.85 }}
        eventHandlers={{ click: zoomIn }}
      />
      <Marker
        position={[f.lat, f.lon]}
        icon={icon}
        eventHandlers={{ click: zoomIn }}
        keyboard={false}
        title={`${f.n} incidents, ${f.k} killed: zoom in`}
      />
    </>
  );
});

interface PointProps {
  f: PointFeature;
  colour: string;
  theme: ThemeColours;
  active: boolean;
  fresh: boolean;
  setHovered: (id: number | null) => void;
  select: (id: number | null) => void;
}

/** Memoised with the selection passed in, so a hover or a live highlight redraws one point, not all of them. */
const Point = memo(function Point({ f, colour, theme, active, fresh, setHovered, select }: PointProps) {
  const r = pointRadius(f.k, f.i);
  const handlers = useMemo(
    () => ({ click: () => select(f.id), mouseover: () => setHovered(f.id), mouseout: () => setHovered(null) }),
    [f.id, select, setHovered],
  );
  return (
    <>
      {(f.x || fresh) && (
        <CircleMarker
          center={[f.lat, f.lon]}
          radius={r + (fresh ? 9 : 4)}
          interactive={false}
          pathOptions={{
            color: fresh ? theme.live : colour,
            weight: fresh ? 3 : 1.5,
            fill: false,
            dashArray: f.x && !fresh ? '3 2' : undefined,
          }}
        />
      )}
      <CircleMarker
        center={[f.lat, f.lon]}
        radius={active ? r + 2 : r}
        pathOptions={{ color: active ? theme.text : theme['marker-line'], weight: active ? 3 : 1, fillColor: colour, fillOpacity: 0.9 }}
        eventHandlers={handlers}
      />
    </>
  );
});
