import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { incidentTimeline } from '@/db/queries/timeline';
import { authorize } from '@/server/auth/authorize';
import { env } from '@/lib/env';
import { parseQuery } from '@/server/http/parse-filter-request';
import { VIEW_PARAM_NAMES, viewFilterSchema } from '@/lib/filters/schema';
import { route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/** Incidents per day (or ISO week for long spans) in the reporting zone for a filter. */
export const GET = route(async (req: Request) => {
  await authorize(req, 'viewer');
  const filter = parseQuery(req, viewFilterSchema, VIEW_PARAM_NAMES);
  return NextResponse.json(await incidentTimeline(getStore(), filter, env().REPORT_TIME_ZONE), {
    headers: { 'cache-control': 'no-store' },
  });
});
