'use client';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { AlertItem, Facets, IncidentPage, Timeline } from '@/lib/contract';
import { PAGE_SIZE, type MapResponse } from '@/hooks/queries';
import type { ViewFilter } from '@/lib/filters/schema';
import type { IncidentItem } from '@/lib/incidents/item';
import { refetchWhenSettled } from './after-write';
import { applyAlert, previousStatus, type AlertPageData } from '@/lib/live/patch-alert';
import { addToFacets, addToFirstPage, addToMap, addToTimeline, canPatch, matchesFilter } from '@/lib/live/patch-incident';

/** The dashboard's current filter: its cached responses are patched, others are only marked stale. */
export interface LiveView {
  qs: string;
  filter: ViewFilter;
}

/** Applies `patch` to every cached response under `prefix` for the view's filter; `null` → that query refetches. */
function patchEach<T>(client: QueryClient, prefix: string, view: LiveView, patch: (data: T, key: QueryKey) => T | null): void {
  for (const q of client.getQueryCache().findAll({ queryKey: [prefix] })) {
    const data = q.state.data as T | undefined;
    // A first load in flight may have read before the incident: it shows, then refetches.
    if (data === undefined) {
      refetchWhenSettled(client, q);
      continue;
    }
    if (q.queryKey[1] !== view.qs) {
      void client.invalidateQueries({ queryKey: q.queryKey, exact: true, refetchType: 'none' });
      continue;
    }
    // A response in flight may predate the incident: refetch it rather than patch the old one.
    const next = q.state.fetchStatus === 'fetching' ? null : patch(data, q.queryKey);
    if (next === null) void client.invalidateQueries({ queryKey: q.queryKey, exact: true });
    else if (next !== data) client.setQueryData(q.queryKey, next);
  }
}

/**
 * A newly created incident from the stream, written into the cached list, counts, timeline and
 * map of the current filter so it shows without a refetch. Returns false when the filter cannot be
 * matched locally (free text): the caller refetches instead.
 */
export function patchCreatedIncident(client: QueryClient, item: IncidentItem, seq: number, view: LiveView): boolean {
  if (!canPatch(view.filter)) return false;
  const inFilter = matchesFilter(item, view.filter);
  patchEach<Facets>(client, 'facets', view, (f) => addToFacets(f, item, view.filter));
  if (!inFilter) return true;
  patchEach<IncidentPage>(client, 'incidents', view, (page, key) => (key[2] === null ? addToFirstPage(page, item, PAGE_SIZE) : null));
  patchEach<Timeline>(client, 'timeline', view, (t) => addToTimeline(t, item, view.filter));
  patchEach<MapResponse>(client, 'map', view, (m, key) => addToMap(m, item, String(key[2]), seq));
  return true;
}

const ALERT_PREFIX = ['alerts', 'list'] as const;
/** The status filter of an alert-list query: the third part of its key, absent for "all". */
const statusOf = (key: readonly unknown[]) => (typeof key[2] === 'string' ? key[2] : '');

/**
 * Alert events (fired, acknowledged, resolved), applied in order to every cached alert page with
 * one cache write per page: an incident can fire a dozen rules at once. Unknown history → refetch.
 */
export function patchAlerts(client: QueryClient, alerts: AlertItem[], limit: number): void {
  const queries = client
    .getQueryCache()
    .findAll({ queryKey: ALERT_PREFIX })
    .filter((q) => q.state.data !== undefined);
  const pages = queries.map((q) => q.state.data as AlertPageData);
  for (const alert of alerts) {
    const previous = previousStatus(pages, alert);
    if (previous === null) {
      void client.invalidateQueries({ queryKey: ['alerts'] });
      return;
    }
    pages.forEach((page, i) => (pages[i] = applyAlert(page, alert, statusOf(queries[i].queryKey), previous, limit)));
  }
  queries.forEach((q, i) => client.setQueryData(q.queryKey, pages[i]));
}
