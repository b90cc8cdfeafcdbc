import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { listReports } from '@/db/queries/report-list';
import { pasteReport } from '@/server/intake/paste-report';
import { authorize } from '@/server/auth/authorize';
import { env } from '@/lib/env';
import { parseQuery } from '@/server/http/parse-filter-request';
import { DEFAULT_JSON_LIMIT, parseOr400, readJson, route } from '@/server/http/respond';
import { REPORT_LIST_PARAM_NAMES, reportListQuery, reportPasteSchema } from '@/lib/validation/report-queries';

export const dynamic = 'force-dynamic';

/** The triage queue, newest first, keyset-paginated: `{ items, total, nextCursor }`; `limit=0` counts only. */
export const GET = route(async (req: Request) => {
  await authorize(req, 'viewer');
  const query = parseQuery(req, reportListQuery, REPORT_LIST_PARAM_NAMES);
  return NextResponse.json(await listReports(getStore(), query), { headers: { 'cache-control': 'no-store' } });
});

/** A pasted report (JSON ≤ 1 MiB: 50,000 characters escaped as \uXXXX take 300 KB): 201 when new; 200 with the stored one when its URL was pasted or fetched before. */
export const POST = route(async (req: Request) => {
  await authorize(req, 'analyst');
  const input = parseOr400(reportPasteSchema, await readJson(req, DEFAULT_JSON_LIMIT), 'report');
  const { report, created } = await pasteReport(getStore(), input, { timeZone: env().REPORT_TIME_ZONE, now: Date.now() });
  return NextResponse.json(report, {
    status: created ? 201 : 200,
    headers: created ? { location: `/api/reports/${report.id}` } : undefined,
  });
});
