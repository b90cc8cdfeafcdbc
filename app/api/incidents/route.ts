import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { listIncidents } from '@/db/queries/incidents';
import { saveIncidentGrouped } from '@/server/writer/save-incident';
import { authorize } from '@/server/auth/authorize';
import { env } from '@/lib/env';
import { parseQuery } from '@/server/http/parse-filter-request';
import { incidentInputSchema } from '@/lib/incidents/input';
import { DEFAULT_JSON_LIMIT, parseOr400, readJson, route } from '@/server/http/respond';
import { INCIDENT_LIST_PARAM_NAMES, incidentListQuery } from '@/lib/validation/route-queries';

export const dynamic = 'force-dynamic';

/**
 * Filtered incidents, newest first, keyset-paginated: `{ items, total, nextCursor }`; with
 * `facets=true` also the filter's facets (the dashboard's count, facets and first page in one call).
 */
export const GET = route(async (req: Request) => {
  await authorize(req, 'viewer');
  const { facets, ...filter } = parseQuery(req, incidentListQuery, INCIDENT_LIST_PARAM_NAMES);
  return NextResponse.json(await listIncidents(getStore(), filter, { facets }), { headers: { 'cache-control': 'no-store' } });
});

/** Stores one incident (JSON, ≤ 1 MB). 201 when new; 200 when the same source + sourceId already existed. */
export const POST = route(async (req: Request) => {
  const principal = await authorize(req, 'analyst');
  const body = await readJson(req, DEFAULT_JSON_LIMIT);
  const input = parseOr400(incidentInputSchema, body, 'incident');
  const { item, created } = await saveIncidentGrouped(getStore(), input, { timeZone: env().REPORT_TIME_ZONE, actor: principal.id });
  return NextResponse.json(item, { status: created ? 201 : 200, headers: created ? { location: `/api/incidents/${item.id}` } : undefined });
});
