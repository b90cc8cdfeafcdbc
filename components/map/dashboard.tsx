'use client';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Facets } from '@/db/queries/facets';
import { AlertPanelSlot } from '@/components/alerts/alert-panel-slot';
import { FilterBar } from '@/components/filters/filter-bar';
import { useDashboardState, type DashboardUrlState } from '@/components/filters/use-dashboard-state';
import { IncidentDetail } from '@/components/incidents/incident-detail';
import { IncidentList } from '@/components/incidents/incident-list';
import { Timeline } from '@/components/timeline/timeline';
import { facetsQuery, type MapResponse } from '@/lib/filters/queries';
import { matchesFilter } from '@/lib/filters/match';
import { useLiveStream } from '@/lib/live/use-live';
import { choroplethBreaks } from '@/lib/map/scales';
import { MapLegend } from './legend';
import { MapLoader } from './map-loader';
import type { ChoroplethMode } from './region-layer';
import { SelectionProvider } from './selection';
import { DashboardHeader } from './dashboard-header';

export interface DashboardProps {
  url: DashboardUrlState;
  /** Facets the server computed for this URL's filter (first paint shows the right count). */
  initialFacets: Facets;
  timeZone: string;
  tile: { url: string; attribution: string } | null;
}

const HIGHLIGHT_MS = 8000;

/** The analyst's main screen: one filter state (the URL) feeding map, counts, list and timeline. */
export function Dashboard({ url, initialFacets, timeZone, tile }: DashboardProps) {
  const state = useDashboardState(url);
  const facets = useQuery({ ...facetsQuery(state.qs), initialData: initialFacets, initialDataUpdatedAt: Date.now() });
  const [hovered, setHovered] = useState<number | null>(null);
  const [recent, setRecent] = useState<ReadonlyMap<number, number>>(new Map());
  const [fresh, setFresh] = useState<ReadonlySet<number>>(new Set());
  const [choropleth, setChoropleth] = useState<ChoroplethMode>('off');
  const [mapInfo, setMapInfo] = useState<{ data?: MapResponse; loading: boolean }>({ loading: true });

  const live = useLiveStream({
    onIncident: (item) => {
      if (!matchesFilter(item, state.filter)) return;
      setRecent((m) => new Map(m).set(item.id, Date.now() + HIGHLIGHT_MS));
      if (item.createdAt === item.updatedAt) setFresh((s) => (s.has(item.id) ? s : new Set(s).add(item.id)));
    },
  });
  useEffect(() => {
    if (!recent.size) return;
    const t = setTimeout(() => setRecent((m) => new Map([...m].filter(([, until]) => until > Date.now()))), 1000);
    return () => clearTimeout(t);
  }, [recent]);
  // A new filter starts a new "since" count.
  useEffect(() => setFresh(new Set()), [state.qs]);

  const regionValues = facets.data?.choropleth ?? [];
  const breaks = useMemo(() => (choropleth === 'off' ? [] : choroplethBreaks(regionValues.map((r) => (choropleth === 'count' ? r.count : r.killed)))), [choropleth, regionValues]);
  const onMapData = useCallback((data: MapResponse | undefined, loading: boolean) => setMapInfo({ data, loading }), []);
  const selection = useMemo(
    () => ({ hovered, selected: state.incident, recent: new Set(recent.keys()), setHovered, select: state.selectIncident }),
    [hovered, state.incident, recent, state.selectIncident],
  );
  const clusters = mapInfo.data?.features.filter((f) => f.t === 'c').length ?? 0;

  return (
    <SelectionProvider value={selection}>
      <div className="fw-app">
        <DashboardHeader facets={facets.data} loading={facets.isFetching} live={live} fresh={fresh.size} onSeenFresh={() => setFresh(new Set())} timeZone={timeZone} invalid={state.invalid} />
        <FilterBar filter={state.filter} facets={facets.data} timeZone={timeZone} onChange={state.setFilter} />
        <main className="fw-main">
          <div className="fw-map-area">
            <div className="fw-map" data-testid="map">
              <MapLoader qs={state.qs} choropleth={choropleth} regionValues={regionValues} breaks={breaks} tile={tile} onData={onMapData} />
              <div className="fw-map-tools">
                <label className="fw-field fw-inline">
                  <span>Regions</span>
                  <select value={choropleth} onChange={(e) => setChoropleth(e.target.value as ChoroplethMode)} aria-label="Region shading">
                    <option value="off">Outline only</option>
                    <option value="count">Shade by incidents</option>
                    <option value="killed">Shade by killed</option>
                  </select>
                </label>
              </div>
              <MapLegend groups={facets.data?.groups ?? []} choropleth={choropleth} breaks={breaks} />
              <p className="sr-only" data-testid="map-status" aria-live="polite" data-total={mapInfo.data?.total ?? ''} data-features={mapInfo.data?.features.length ?? ''}>
                {mapInfo.data ? `Map shows ${mapInfo.data.total} incidents in ${clusters} clusters and ${mapInfo.data.features.length - clusters} single markers` : 'Map loading'}
              </p>
              {mapInfo.data?.total === 0 && !mapInfo.loading && <p className="fw-map-empty">No incidents match these filters. Widen the time window or clear a filter.</p>}
            </div>
            <Timeline qs={state.qs} filter={state.filter} onRange={(r, replace) => state.setFilter(r, { replace })} />
          </div>
          <aside className="fw-side" aria-label="Details">
            {state.incident && <IncidentDetail key={state.incident} id={state.incident} timeZone={timeZone} onClose={() => state.selectIncident(null)} />}
            {/* Alerts first: what needs action should not sit below a long list. */}
            <div className="fw-side-alerts">
              <AlertPanelSlot />
            </div>
            <IncidentList key={state.qs} qs={state.qs} timeZone={timeZone} />
          </aside>
        </main>
      </div>
    </SelectionProvider>
  );
}
