import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { listAudit } from '@/db/queries/audit';
import { authorize } from '@/server/auth/authorize';
import { route, parseOr400 } from '@/server/http/respond';
import { auditFilterSchema } from '@/lib/validation/audit-filter';

export const dynamic = 'force-dynamic';

const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Edit history of one incident from the audit trail, newest first (kept after a delete). */
export const GET = route(async (req: Request, ctx: RouteContext<'/api/incidents/[id]/history'>) => {
  await authorize(req, 'viewer');
  const id = parseOr400(idSchema, (await ctx.params).id, 'incident id');
  const sp = new URL(req.url).searchParams;
  const filter = parseOr400(auditFilterSchema, { cursor: sp.get('cursor') ?? undefined, limit: sp.get('limit') ?? undefined }, 'query');
  const page = listAudit(getDb(), { ...filter, entity: 'incident', entityId: String(id) });
  return NextResponse.json(page, { headers: { 'cache-control': 'no-store' } });
});
