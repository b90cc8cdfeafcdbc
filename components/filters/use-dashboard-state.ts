'use client';
import { usePathname, useRouter } from 'next/navigation';
import { useCallback } from 'react';
import type { ViewFilter } from '@/lib/filters/schema';
import { dashboardQuery, filterQuery } from '@/lib/filters/serialize';
import { currentDisplayQuery } from '@/components/map/use-map-display';

/** What the server parsed out of the URL (the zod schema stays on the server). */
export interface DashboardUrlState {
  filter: ViewFilter;
  incident: number | null;
  invalid: string[];
}

export interface DashboardStateApi extends DashboardUrlState {
  /** Canonical API query string for the filter (also the query-key part). */
  qs: string;
  setFilter: (patch: Partial<ViewFilter>, opts?: { replace?: boolean }) => void;
  selectIncident: (id: number | null) => void;
}

/**
 * The URL is the state: the page parses it on the server for every navigation and passes it
 * down; writing navigates (push for filters, so back/forward work; replace while playing).
 */
export function useDashboardState(state: DashboardUrlState): DashboardStateApi {
  const router = useRouter();
  const pathname = usePathname();

  const go = useCallback(
    (filter: ViewFilter, incident: number | null, replace: boolean) => {
      // The map's display mode is URL state too: a filter change keeps it.
      const q = [dashboardQuery(filter, incident), currentDisplayQuery()].filter(Boolean).join('&');
      const href = q ? `${pathname}?${q}` : pathname;
      if (replace) router.replace(href, { scroll: false });
      else router.push(href, { scroll: false });
    },
    [pathname, router],
  );

  const { filter, incident } = state;
  const setFilter = useCallback(
    (patch: Partial<ViewFilter>, opts?: { replace?: boolean }) => go({ ...filter, ...patch }, incident, opts?.replace ?? false),
    [go, filter, incident],
  );
  const selectIncident = useCallback((id: number | null) => go(filter, id, false), [go, filter]);

  return { ...state, qs: filterQuery(filter), setFilter, selectIncident };
}
