import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { authorize } from '@/server/auth/authorize';
import { env } from '@/lib/env';
import { parsePathId } from '@/lib/validation/path-id';
import { fetchSourceNow } from '@/server/intake/poll-route';
import { route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/**
 * Fetches the source now and answers once every item is stored and extracted. The poll is not tied
 * to the request's signal: a caller who leaves early still gets the reports stored.
 */
export const POST = route(async (req: Request, ctx: RouteContext<'/api/sources/[id]/fetch'>) => {
  await authorize(req, 'analyst');
  const id = parsePathId((await ctx.params).id);
  const result = await fetchSourceNow(getStore(), id, { timeZone: env().REPORT_TIME_ZONE });
  return NextResponse.json(result, { headers: { 'cache-control': 'no-store' } });
});
