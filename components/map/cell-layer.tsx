'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import L from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { Pane, Polygon, useMap, useMapEvents } from 'react-leaflet';
import { fetchJson } from '@/hooks/queries';
import type { MapCellsResponse } from '@/lib/contract';
import { hexBreaks, hexClass, hexColour, hexText } from '@/lib/map/cell-scale';
import type { MapDisplay } from '@/lib/map/display';
import { hexCorners } from '@/lib/map/grid';
import { HeatCanvas } from './heat-canvas';
import { HexLabels } from './hex-labels';
import { viewOf } from './incident-layer';
import type { ThemeColours } from './theme-colours';

type GridDisplay = MapDisplay & { mode: 'heat' | 'hex' };

/** The same query key prefix as the clusters (`map`), so live updates refresh heat and hexagons too. */
export const mapCellsQuery = (qs: string, d: GridDisplay, bbox: string, zoom: number) => {
  const params = [qs, `mode=${d.mode}`, d.mode === 'heat' ? `weight=${d.weight}` : '', `bbox=${bbox}`, `zoom=${zoom}`];
  return {
    queryKey: ['map', qs, d.mode, d.mode === 'heat' ? d.weight : '', bbox, zoom],
    queryFn: ({ signal }: { signal: AbortSignal }) => fetchJson<MapCellsResponse>(`/api/map?${params.filter(Boolean).join('&')}`, signal),
    placeholderData: keepPreviousData,
  };
};

/** Heat map or counted hexagons for the current viewport, aggregated on the server. */
export function CellLayer({
  qs,
  display,
  theme,
  onData,
}: {
  qs: string;
  display: GridDisplay;
  theme: ThemeColours;
  onData: (d: MapCellsResponse | undefined, loading: boolean) => void;
}) {
  const map = useMap();
  const [view, setView] = useState(() => viewOf(map));
  useMapEvents({ moveend: () => setView(viewOf(map)) });
  const { data, isFetching } = useQuery(mapCellsQuery(qs, display, view.bbox, view.zoom));
  // A previous mode's answer (kept while the next loads) must not be drawn in this mode.
  const current = data?.mode === display.mode ? data : undefined;
  useEffect(() => onData(current, isFetching), [current, isFetching, onData]);
  return (
    <>
      <Pane name="cells" style={{ zIndex: 420 }}>
        {current && (display.mode === 'heat' ? <Heat data={current} weight={display.weight} /> : <Hexagons data={current} theme={theme} />)}
      </Pane>
      {/* Above the hexagons' SVG, which Leaflet appends to its pane after any canvas already there. */}
      <Pane name="cell-labels" style={{ zIndex: 430, pointerEvents: 'none' }}>
        {current?.mode === 'hex' && <HexCounts data={current} />}
      </Pane>
    </>
  );
}

function Heat({ data, weight }: { data: MapCellsResponse; weight: MapDisplay['weight'] }) {
  const map = useMap();
  const [layer] = useState(() => new HeatCanvas({ pane: 'cells' }));
  useEffect(() => {
    layer.addTo(map);
    return () => void layer.remove();
  }, [layer, map]);
  useEffect(() => {
    const value = (c: MapCellsResponse['cells'][number]) => (weight === 'killed' ? c[3] : c[2]);
    const max = data.cells.reduce((m, c) => Math.max(m, value(c)), 0) || 1;
    layer.setPoints(data.cells.map((c) => ({ lon: c[0], lat: c[1], w: value(c) / max })));
  }, [data, weight, layer]);
  return null;
}

const compact = (n: number) => (n < 1000 ? String(n) : `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`);

/** Each hexagon's count, on one canvas in the pane above the hexagons. */
function HexCounts({ data }: { data: MapCellsResponse }) {
  const map = useMap();
  const [labels] = useState(() => new HexLabels({ pane: 'cell-labels' }));
  useEffect(() => {
    labels.addTo(map);
    return () => void labels.remove();
  }, [labels, map]);
  useEffect(() => {
    const breaks = hexBreaks(data.cells);
    labels.setLabels(
      data.cells.map((c) => ({ lon: c[0], lat: c[1], text: compact(c[2]), colour: hexText(hexClass(c[2], breaks), breaks.length) })),
    );
  }, [data, labels]);
  return null;
}

function Hexagons({ data, theme }: { data: MapCellsResponse; theme: ThemeColours }) {
  const map = useMap();
  // SVG, not the map's shared canvas: each hexagon is a real path (inspectable, testable), and
  // at most 1,500 of them are drawn.
  const renderer = useMemo(() => L.svg({ pane: 'cells' }), []);
  const breaks = useMemo(() => hexBreaks(data.cells), [data]);
  useEffect(() => () => void renderer.remove(), [renderer]);
  return (
    <>
      {data.cells.map((c) => {
        const cls = hexClass(c[2], breaks);
        return (
          <Polygon
            key={`${c[0]},${c[1]},${data.size}`}
            positions={hexCorners(c[0], c[1], data.size)}
            renderer={renderer}
            className="fw-hex"
            pathOptions={{
              color: theme['marker-line'],
              weight: 1,
              opacity: 0.7,
              fillColor: hexColour(cls, breaks.length),
              fillOpacity: 0.78,
            }}
            eventHandlers={{ click: () => map.flyTo([c[1], c[0]], Math.min(map.getZoom() + 2, 14), { duration: 0.4 }) }}
          />
        );
      })}
    </>
  );
}
