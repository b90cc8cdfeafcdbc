'use client';
import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { memo, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Facets, RegionFacet } from '@/db/queries/facets';
import { AlertPanelSlot as AlertPanelSlotAny } from '@/components/alerts/alert-panel-slot';
import { FilterBar as FilterBarAny } from '@/components/filters/filter-bar';
import { useDashboardState, type DashboardUrlState } from '@/components/filters/use-dashboard-state';
import { IncidentList as IncidentListAny } from '@/components/incidents/incident-list';
import { Timeline as TimelineAny } from '@/components/timeline/timeline';
import { facetsQuery, type MapResponse } from '@/hooks/queries';
import { matchesFilter } from '@/lib/filters/match';
import type { ViewFilter } from '@/lib/filters/schema';
import type { MapCellsResponse } from '@/lib/contract';
import { useLiveStream } from '@/hooks/use-live';
import { choroplethBreaks } from '@/lib/map/scales';
import { MapLegend as MapLegendAny } from './legend';
import { MapLoader as MapLoaderAny } from './map-loader';
import type { ChoroplethMode } from './region-layer';
import { SelectionProvider } from './selection';
import { DashboardHeader as DashboardHeaderAny } from './dashboard-header';
import { MapPositionProvider, type MapPosition } from '@/components/views/map-position';
import type { OpenView } from '@/components/views/saved-views-menu';
import { MapModeControl } from './map-mode-control';
import { mapStatus } from './map-status';
import { ModeLegend } from './mode-legend';
import { useMapDisplay } from './use-map-display';
import { SitesToggle } from './sites-toggle';
import { PhoneBar } from './phone-bar';
import { Sheet } from '@/components/ui/sheet';
import { activeFilterCount } from '@/lib/filters/active-count';

// Each panel re-renders only when its own props change: a map response, a hover or a live
// highlight must not re-render the list, the timeline and the filters on the same main thread.
// Each panel also sits in its own <Suspense> boundary below: React then hydrates the server's
// HTML one panel at a time and yields between them, instead of in one long task for the page.
const AlertPanelSlot = memo(AlertPanelSlotAny);
const DashboardHeader = memo(DashboardHeaderAny);
const FilterBar = memo(FilterBarAny);
const IncidentList = memo(IncidentListAny);
const MapLegend = memo(MapLegendAny);
const MapLoader = memo(MapLoaderAny);
const Timeline = memo(TimelineAny);
// The detail panel (and its edit history) loads when an incident is selected, not with the page.
const IncidentDetail = memo(
  dynamic(() => import('@/components/incidents/incident-detail').then((m) => m.IncidentDetail), {
    loading: () => <p className="fw-panel fw-pad fw-muted">Loading incident…</p>,
  }),
);

export interface DashboardProps {
  url: DashboardUrlState;
  /** Facets the server computed for this URL's filter (first paint shows the right count). */
  initialFacets: Facets;
  timeZone: string;
  tile: { url: string; attribution: string } | null;
  /** The saved view this URL opened (`?view=`): the map starts at its position. */
  view?: (OpenView & { map: MapPosition }) | null;
  /** Admins may share views with everyone. */
  canShare?: boolean;
  /** The server's picture of the map's opening view, shown until the map's code has loaded. */
  mapPreview?: ReactNode;
}

const HIGHLIGHT_MS = 8000;
const NO_REGIONS: RegionFacet[] = [];
const NO_BREAKS: number[] = [];

/** The analyst's main screen: one filter state (the URL) feeding map, counts, list and timeline. */
export function Dashboard({ url, initialFacets, timeZone, tile, view = null, canShare = false, mapPreview }: DashboardProps) {
  const state = useDashboardState(url);
  // The server's facets are as fresh as the page load (read once, not on every render).
  const [loadedAt] = useState(() => Date.now());
  const facets = useQuery({ ...facetsQuery(state.qs), initialData: initialFacets, initialDataUpdatedAt: loadedAt });
  const [hovered, setHovered] = useState<number | null>(null);
  const [recent, setRecent] = useState<ReadonlyMap<number, number>>(new Map());
  const [fresh, setFresh] = useState<ReadonlySet<number>>(new Set());
  const [choropleth, setChoropleth] = useState<ChoroplethMode>('off');
  const [display, setDisplay] = useMapDisplay();
  const [mapInfo, setMapInfo] = useState<{ data?: MapResponse | MapCellsResponse; loading: boolean }>({ loading: true });

  const live = useLiveStream({
    view: { qs: state.qs, filter: state.filter },
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
  // A new filter starts a new "since" count (adjusted during render, not in an effect).
  const [freshQs, setFreshQs] = useState(state.qs);
  if (freshQs !== state.qs) {
    setFreshQs(state.qs);
    setFresh(new Set());
  }

  const regionValues = facets.data?.choropleth ?? NO_REGIONS;
  // Stable while shading is off: live counts then leave the map's props (and its region labels) alone.
  const breaks = useMemo(
    () => (choropleth === 'off' ? NO_BREAKS : choroplethBreaks(regionValues.map((r) => (choropleth === 'count' ? r.count : r.killed)))),
    [choropleth, regionValues],
  );
  const onMapData = useCallback((data: MapResponse | MapCellsResponse | undefined, loading: boolean) => setMapInfo({ data, loading }), []);
  // Stable callbacks: the memoised panels below re-render only when their own data changes.
  const onSeenFresh = useCallback(() => setFresh(new Set()), []);
  const { setFilter, selectIncident } = state;
  const onRange = useCallback((r: Pick<ViewFilter, 'from' | 'to'>, replace?: boolean) => setFilter(r, { replace }), [setFilter]);
  const closeDetail = useCallback(() => selectIncident(null), [selectIncident]);
  const selection = useMemo(
    () => ({ hovered, selected: state.incident, recent: new Set(recent.keys()), setHovered, select: state.selectIncident }),
    [hovered, state.incident, recent, state.selectIncident],
  );
  const status = mapStatus(mapInfo.data);
  // Phone only: which sheet covers the page (the filters drawer or the alert panel).
  const [sheet, setSheet] = useState<'filters' | 'alerts' | null>(null);
  const filtersButton = useRef<HTMLButtonElement>(null);
  const alertsButton = useRef<HTMLButtonElement>(null);
  const closeSheet = useCallback(() => setSheet(null), []);

  const openView = useMemo(() => (view ? { id: view.id, name: view.name } : null), [view?.id, view?.name]); // eslint-disable-line react-hooks/exhaustive-deps
  const mapTarget = view ? { key: view.id, ...view.map } : null;

  return (
    <SelectionProvider value={selection}>
      <MapPositionProvider target={mapTarget}>
        <div className="fw-app">
          <DashboardHeader
            facets={facets.data}
            loading={facets.isFetching}
            live={live}
            fresh={fresh.size}
            onSeenFresh={onSeenFresh}
            timeZone={timeZone}
            invalid={state.invalid}
            view={openView}
            canShare={canShare}
          />
          <PhoneBar
            activeFilters={activeFilterCount(state.filter)}
            open={sheet}
            onOpen={setSheet}
            filtersButton={filtersButton}
            alertsButton={alertsButton}
          />
          <Sheet open={sheet === 'filters'} onClose={closeSheet} title="Filters" returnTo={filtersButton} testId="filters-drawer">
            <Suspense>
              <FilterBar filter={state.filter} facets={facets.data} timeZone={timeZone} onChange={state.setFilter} />
            </Suspense>
          </Sheet>
          <main className="fw-main">
            <div className="fw-map-area">
              <div className="fw-map" data-testid="map">
                {/* Region values only matter with shading on: live counts must not redraw the region labels. */}
                <MapLoader
                  qs={state.qs}
                  choropleth={choropleth}
                  regionValues={choropleth === 'off' ? NO_REGIONS : regionValues}
                  breaks={breaks}
                  tile={tile}
                  display={display}
                  onData={onMapData}
                  preview={mapPreview}
                />
                <div className="fw-map-tools">
                  <MapModeControl display={display} onChange={setDisplay} />
                  <label className="fw-field fw-inline">
                    <span>Regions</span>
                    <select
                      value={choropleth}
                      onChange={(e) => setChoropleth(e.target.value as ChoroplethMode)}
                      aria-label="Region shading"
                    >
                      <option value="off">Outline only</option>
                      <option value="count">Shade by incidents</option>
                      <option value="killed">Shade by killed</option>
                    </select>
                  </label>
                  <SitesToggle />
                </div>
                <Suspense>
                  <MapLegend groups={facets.data?.groups ?? []} choropleth={choropleth} breaks={breaks} />
                </Suspense>
                <ModeLegend display={display} data={mapInfo.data && 'cells' in mapInfo.data ? mapInfo.data : undefined} />
                <p
                  className="sr-only"
                  data-testid="map-status"
                  aria-live="polite"
                  data-total={mapInfo.data?.total ?? ''}
                  data-features={status.features}
                  data-mode={status.mode}
                >
                  {status.text}
                </p>
                {mapInfo.data?.total === 0 && !mapInfo.loading && (
                  <p className="fw-map-empty">No incidents match these filters. Widen the time window or clear a filter.</p>
                )}
              </div>
              <Suspense>
                <Timeline qs={state.qs} filter={state.filter} onRange={onRange} />
              </Suspense>
            </div>
            <aside className="fw-side" aria-label="Details">
              {state.incident && <IncidentDetail key={state.incident} id={state.incident} timeZone={timeZone} onClose={closeDetail} />}
              {/* Alerts first: what needs action should not sit below a long list. */}
              <Sheet
                open={sheet === 'alerts'}
                onClose={closeSheet}
                title="Alerts"
                returnTo={alertsButton}
                side="right"
                testId="alerts-sheet"
              >
                <div className="fw-side-alerts">
                  <Suspense>
                    <AlertPanelSlot />
                  </Suspense>
                </div>
              </Sheet>
              <Suspense>
                <IncidentList key={state.qs} qs={state.qs} timeZone={timeZone} />
              </Suspense>
            </aside>
          </main>
        </div>
      </MapPositionProvider>
    </SelectionProvider>
  );
}
