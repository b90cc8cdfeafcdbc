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
import { MapPreviewPicture } from '@/components/map/map-preview';
import { readView, startView } from '@/db/services/saved-views';
import { VIEW_PARAM, viewHref } from '@/lib/views/link';
import { redirect } from 'next/navigation';
import { headers } from 'next/headers';

export const dynamic = 'force-dynamic';

/**
 * The live dashboard. Counts are rendered on the server for the URL's filter and the alert panel
 * is prefetched (one small query), so the first paint is already right and nothing above the list
 * resizes when the client takes over.
 */
export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await authorizePage('viewer');
  const sp = await searchParams;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) params.append(k, one);
  const db = getStore();
  const view = await openedView(db, params, principal.id);
  const url = parseDashboardSearch(params);
  const e = env();
  const facets = await listFacets(db, url.filter);
  const queries = new QueryClient();
  queries.setQueryData(alertsQuery('').queryKey, await listAlerts(db, { limit: ALERT_PAGE_SIZE }));
  const tile = e.TILE_URL ? { url: e.TILE_URL, attribution: e.TILE_ATTRIBUTION ?? '' } : null;
  return (
    <HydrationBoundary state={dehydrate(queries)}>
      <Dashboard
        url={url}
        initialFacets={facets}
        timeZone={e.REPORT_TIME_ZONE}
        tile={tile}
        view={view && { id: view.id, name: view.name, map: view.map }}
        canShare={principal.role === 'admin'}
        mapPreview={<MapPreviewPicture view={view?.map} />}
      />
    </HydrationBoundary>
  );
}

/**
 * The saved view a URL opens (`?view=12`: its map position, and its filters when the link carries
 * none), or the start page when the dashboard is opened without a query. Only a full page load
 * goes to the start page: the app's own navigation to `/` (clearing every filter) sends `RSC: 1`
 * and must show everything, not bounce back to the start view.
 */
async function openedView(db: ReturnType<typeof getStore>, params: URLSearchParams, owner: string) {
  const keys = [...params.keys()];
  if (keys.length === 0) {
    if ((await headers()).get('rsc') !== null) return null;
    const start = await startView(db, owner);
    if (start) redirect(viewHref(start));
    return null;
  }
  const id = Number(params.get(VIEW_PARAM));
  const view = Number.isSafeInteger(id) && id > 0 ? await readView(db, id, owner) : null;
  if (view && view.query && keys.every((k) => k === VIEW_PARAM)) redirect(viewHref(view));
  return view;
}
