import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { listAudit } from '@/db/queries/audit';
import { getIncident } from '@/db/queries/incidents';
import { authorize } from '@/server/auth/authorize';
import { notFound } from '@/lib/errors';
import { route, parseOr400 } from '@/server/http/respond';
import { parsePathId } from '@/lib/validation/path-id';
import { incidentHistoryQuery } from '@/lib/validation/route-queries';

export const dynamic = 'force-dynamic';

/**
 * Edit history of one incident from the audit trail, newest first (kept after a delete). 404 only
 * for an id that names no incident and has no history: one deleted later still answers.
 */
export const GET = route(async (req: Request, ctx: RouteContext<'/api/incidents/[id]/history'>) => {
  await authorize(req, 'viewer');
  const id = parsePathId((await ctx.params).id);
  const sp = new URL(req.url).searchParams;
  const filter = parseOr400(incidentHistoryQuery, { cursor: sp.get('cursor') ?? undefined, limit: sp.get('limit') ?? undefined }, 'query');
  const db = getStore();
  const page = await listAudit(db, { ...filter, entity: 'incident', entityId: String(id) });
  if (
    page.items.length === 0 &&
    !(await getIncident(db, id)) &&
    (await listAudit(db, { limit: 1, entity: 'incident', entityId: String(id) })).items.length === 0
  ) {
    throw notFound(`Incident ${id} does not exist.`);
  }
  return NextResponse.json(page, { headers: { 'cache-control': 'no-store' } });
});
