import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { getReportWithCandidates } from '@/db/queries/report-candidates';
import { AppError } from '@/lib/errors';
import { parsePathId } from '@/lib/validation/path-id';
import { authorize } from '@/server/auth/authorize';
import { route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/** One report; a `new` one with its candidates searched again (incidents may have arrived since). */
export const GET = route(async (req: Request, ctx: RouteContext<'/api/reports/[id]'>) => {
  await authorize(req, 'viewer');
  const id = parsePathId((await ctx.params).id);
  const report = await getReportWithCandidates(getStore(), id);
  if (!report) throw new AppError('not_found', `No report ${id}.`);
  return NextResponse.json(report, { headers: { 'cache-control': 'no-store' } });
});
