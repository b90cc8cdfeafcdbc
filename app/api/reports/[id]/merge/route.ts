import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { mergeReport } from '@/db/services/report-decisions';
import { authorize } from '@/server/auth/authorize';
import { env } from '@/lib/env';
import { parsePathId } from '@/lib/validation/path-id';
import { mergeBodySchema } from '@/lib/validation/report-decisions';
import { parseOr400, readJson, route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/** Makes a report another source of an existing incident (analyst): `{ incidentId, adoptFigures? }` → `{ incident, report }`. */
export const POST = route(async (req: Request, ctx: RouteContext<'/api/reports/[id]/merge'>) => {
  const principal = await authorize(req, 'analyst');
  const id = parsePathId((await ctx.params).id);
  const body = parseOr400(mergeBodySchema, await readJson(req), 'merge');
  return NextResponse.json(
    await mergeReport(getStore(), id, body, { timeZone: env().REPORT_TIME_ZONE, actor: principal.id, by: principal.name }),
  );
});
