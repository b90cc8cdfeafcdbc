import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { computeWeeklyReport } from '@/db/queries/weekly';
import { authorize } from '@/server/auth/authorize';
import { env } from '@/lib/env';
import { route } from '@/server/http/respond';
import { weeklyParamsSchema } from '@/lib/reports/params';
import { parseWeeklyQuery } from '@/server/http/parse-report-request';

export const dynamic = 'force-dynamic';

/** GET /api/reports/weekly?week=2024-W50[&group=ttp&region=kp&source=acled] → the weekly brief as JSON. */
export const GET = route(async (req: Request) => {
  await authorize(req, 'viewer');
  const timeZone = env().REPORT_TIME_ZONE;
  const q = parseWeeklyQuery(weeklyParamsSchema, req.url, timeZone);
  const report = await computeWeeklyReport(getStore(), { week: q.week, timeZone, group: q.group, region: q.region, source: q.source });
  return NextResponse.json(report, { headers: { 'Cache-Control': 'no-store' } });
});
