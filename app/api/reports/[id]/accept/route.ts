import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { acceptReport } from '@/db/services/report-decisions';
import { authorize } from '@/server/auth/authorize';
import { env } from '@/lib/env';
import { parsePathId } from '@/lib/validation/path-id';
import { acceptOverridesSchema } from '@/lib/validation/report-decisions';
import { parseOr400, readOptionalJson, route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/** Accepts a report as a new incident (analyst); the body, optional, overrides draft fields. 201 `{ incident, report }`. */
export const POST = route(async (req: Request, ctx: RouteContext<'/api/reports/[id]/accept'>) => {
  const principal = await authorize(req, 'analyst');
  const id = parsePathId((await ctx.params).id);
  const overrides = parseOr400(acceptOverridesSchema, await readOptionalJson(req), 'overrides');
  const decided = await acceptReport(getStore(), id, overrides, {
    timeZone: env().REPORT_TIME_ZONE,
    actor: principal.id,
    by: principal.name,
  });
  return NextResponse.json(decided, { status: 201, headers: { location: `/api/incidents/${decided.incident.id}` } });
});
