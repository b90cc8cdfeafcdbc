import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { listMatches } from '@/db/queries/dataset-matches';
import { authorize } from '@/server/auth/authorize';
import { parseQuery } from '@/server/http/parse-filter-request';
import { route } from '@/server/http/respond';
import { MATCH_LIST_PARAM_NAMES, matchListQuery } from '@/lib/validation/match-queries';

export const dynamic = 'force-dynamic';

/** Cross-dataset match proposals, newest first: `{ items, nextCursor }` (viewer). */
export const GET = route(async (req: Request) => {
  await authorize(req, 'viewer');
  const query = parseQuery(req, matchListQuery, MATCH_LIST_PARAM_NAMES);
  return NextResponse.json(await listMatches(getStore(), query), { headers: { 'cache-control': 'no-store' } });
});
