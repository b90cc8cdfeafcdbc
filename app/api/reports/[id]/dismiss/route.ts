import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { dismissReport } from '@/db/services/report-decisions';
import { authorize } from '@/server/auth/authorize';
import { parsePathId } from '@/lib/validation/path-id';
import { dismissBodySchema } from '@/lib/validation/report-decisions';
import { parseOr400, readOptionalJson, route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/** Sets a report aside (analyst): `{ reason? }` → `{ report }`. */
export const POST = route(async (req: Request, ctx: RouteContext<'/api/reports/[id]/dismiss'>) => {
  const principal = await authorize(req, 'analyst');
  const id = parsePathId((await ctx.params).id);
  const { reason } = parseOr400(dismissBodySchema, await readOptionalJson(req), 'dismissal');
  return NextResponse.json({ report: await dismissReport(getStore(), id, reason || null, { actor: principal.id, by: principal.name }) });
});
