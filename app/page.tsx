import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { getStore } from '@/db/client';
import { listFacets } from '@/db/queries/facets';
import { listAlerts } from '@/db/services/alerts';
import { authorizePage } from '@/server/auth/authorize';
import { env } from '@/lib/env';
import { parseDashboardSearch } from '@/lib/filters/url';
import { ALERT_PAGE_SIZE } from '@/lib/live/patch-alert';
import { alertsQuery } from '@/components/alerts/alert-api';
import { Dashboard } from '@/components/map/dashboard';

export const dynamic = 'force-dynamic';

/**
 * The live dashboard. Counts are rendered on the server for the URL's filter and the alert panel
 * is prefetched (one small query), so the first paint is already right and nothing above the list
 * resizes when the client takes over.
 */
export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await authorizePage('viewer');
  const sp = await searchParams;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) params.append(k, one);
  const url = parseDashboardSearch(params);
  const e = env();
  const db = getStore();
  const facets = await listFacets(db, url.filter);
  const queries = new QueryClient();
  queries.setQueryData(alertsQuery('').queryKey, await listAlerts(db, { limit: ALERT_PAGE_SIZE }));
  const tile = e.TILE_URL ? { url: e.TILE_URL, attribution: e.TILE_ATTRIBUTION ?? '' } : null;
  return (
    <HydrationBoundary state={dehydrate(queries)}>
      <Dashboard url={url} initialFacets={facets} timeZone={e.REPORT_TIME_ZONE} tile={tile} />
    </HydrationBoundary>
  );
}
