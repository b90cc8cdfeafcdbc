import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { getIncidentDetail } from '@/db/queries/incident-provenance';
import { deleteIncident, patchIncident } from '@/db/services/incident-writes';
import { authorize } from '@/server/auth/authorize';
import { env } from '@/lib/env';
import { notFound } from '@/lib/errors';
import { readJson, route } from '@/server/http/respond';
import { parsePathId } from '@/lib/validation/path-id';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

/** Incident ids are positive integers; anything else is a 400 naming `id`. */
async function incidentId(ctx: Ctx): Promise<number> {
  return parsePathId((await ctx.params).id);
}

/** The incident with its source records and claims ledger. */
export const GET = route(async (req: Request, ctx: Ctx) => {
  await authorize(req, 'viewer');
  const id = await incidentId(ctx);
  const item = await getIncidentDetail(getStore(), id);
  if (!item) throw notFound(`Incident ${id} does not exist.`);
  return NextResponse.json(item);
});

/** Partial update (analyst): send only the fields to change; the result is validated like a POST. */
export const PATCH = route(async (req: Request, ctx: Ctx) => {
  const principal = await authorize(req, 'analyst');
  const id = await incidentId(ctx);
  const patch = await readJson(req);
  return NextResponse.json(await patchIncident(getStore(), id, patch, { timeZone: env().REPORT_TIME_ZONE, actor: principal.id }));
});

export const DELETE = route(async (req: Request, ctx: Ctx) => {
  const principal = await authorize(req, 'analyst');
  const id = await incidentId(ctx);
  if (!(await deleteIncident(getStore(), id, Date.now(), principal.id))) throw notFound(`Incident ${id} does not exist.`);
  return new Response(null, { status: 204 });
});
