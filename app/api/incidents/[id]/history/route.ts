import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { listAudit } from '@/db/queries/audit';
import { authorize } from '@/lib/auth/authorize';
import { route, parseOr400 } from '@/lib/http/respond';
import { incidentHistoryQuery, incidentIdParam } from '@/lib/validation/route-queries';

export const dynamic = 'force-dynamic';

/** Edit history of one incident from the audit trail, newest first (kept after a delete). */
export const GET = route(async (req: Request, ctx: RouteContext<'/api/incidents/[id]/history'>) => {
  await authorize(req, 'viewer');
  const id = parseOr400(incidentIdParam, (await ctx.params).id, 'incident id');
  const sp = new URL(req.url).searchParams;
  const filter = parseOr400(incidentHistoryQuery, { cursor: sp.get('cursor') ?? undefined, limit: sp.get('limit') ?? undefined }, 'query');
  const page = listAudit(getDb(), { ...filter, entity: 'incident', entityId: String(id) });
  return NextResponse.json(page, { headers: { 'cache-control': 'no-store' } });
});
