'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { ViewFilter } from '@/lib/filters/schema';
import { dashboardQuery, filterQuery, parseDashboardSearch } from '@/lib/filters/url';

export interface DashboardStateApi {
  filter: ViewFilter;
  /** Canonical API query string for the filter (also the query-key part). */
  qs: string;
  incident: number | null;
  invalid: string[];
  setFilter: (patch: Partial<ViewFilter>, opts?: { replace?: boolean }) => void;
  selectIncident: (id: number | null) => void;
}

/** The URL is the state: reading parses search params, writing navigates (push for filters, so back/forward work). */
export function useDashboardState(): DashboardStateApi {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => parseDashboardSearch(new URLSearchParams(params.toString())), [params]);

  const go = useCallback(
    (filter: ViewFilter, incident: number | null, replace: boolean) => {
      const q = dashboardQuery(filter, incident);
      const href = q ? `${pathname}?${q}` : pathname;
      if (replace) router.replace(href, { scroll: false });
      else router.push(href, { scroll: false });
    },
    [pathname, router],
  );

  const setFilter = useCallback(
    (patch: Partial<ViewFilter>, opts?: { replace?: boolean }) => go({ ...state.filter, ...patch }, state.incident, opts?.replace ?? false),
    [go, state],
  );
  const selectIncident = useCallback((id: number | null) => go(state.filter, id, false), [go, state]);

  return { filter: state.filter, qs: filterQuery(state.filter), incident: state.incident, invalid: state.invalid, setFilter, selectIncident };
}
