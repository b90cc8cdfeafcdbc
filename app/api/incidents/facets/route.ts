import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { listFacets } from '@/db/queries/facets';
import { authorize } from '@/server/auth/authorize';
import { parseQuery } from '@/server/http/parse-filter-request';
import { VIEW_PARAM_NAMES, viewFilterSchema } from '@/lib/filters/schema';
import { route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/** Counts per group, region, event and sub-event type, plus the total, for a filter. */
export const GET = route(async (req: Request) => {
  await authorize(req, 'viewer');
  const filter = parseQuery(req, viewFilterSchema, VIEW_PARAM_NAMES);
  return NextResponse.json(await listFacets(getStore(), filter), { headers: { 'cache-control': 'no-store' } });
});
