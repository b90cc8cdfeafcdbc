import { getDb } from '@/db/client';
import { listFacets } from '@/db/queries/facets';
import { authorizePage } from '@/lib/auth/authorize';
import { env } from '@/lib/env';
import { parseDashboardSearch } from '@/lib/filters/url';
import { Dashboard } from '@/components/map/dashboard';

export const dynamic = 'force-dynamic';

/** The live dashboard. Counts are rendered on the server for the URL's filter so the first paint is already right. */
export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await authorizePage('viewer');
  const sp = await searchParams;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) params.append(k, one);
  const url = parseDashboardSearch(params);
  const e = env();
  const facets = listFacets(getDb(), url.filter);
  const tile = e.TILE_URL ? { url: e.TILE_URL, attribution: e.TILE_ATTRIBUTION ?? '' } : null;
  return <Dashboard url={url} initialFacets={facets} timeZone={e.REPORT_TIME_ZONE} tile={tile} />;
}
