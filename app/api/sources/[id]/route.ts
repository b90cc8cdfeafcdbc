import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { getSource } from '@/db/queries/sources';
import { deleteSource, updateSource } from '@/db/services/sources';
import { authorize } from '@/server/auth/authorize';
import { parsePathId } from '@/lib/validation/path-id';
import { sourcePatchSchema } from '@/lib/validation/source-input';
import { parseOr400, readJson, route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: RouteContext<'/api/sources/[id]'>) => {
  await authorize(req, 'viewer');
  const id = parsePathId((await ctx.params).id);
  return NextResponse.json(await getSource(getStore(), id), { headers: { 'cache-control': 'no-store' } });
});

/** Partial update; a new URL starts afresh (no validators, no back-off) and is due at once. */
export const PATCH = route(async (req: Request, ctx: RouteContext<'/api/sources/[id]'>) => {
  const principal = await authorize(req, 'admin');
  const id = parsePathId((await ctx.params).id);
  const patch = parseOr400(sourcePatchSchema, await readJson(req, 64 * 1024), 'source change');
  return NextResponse.json(await updateSource(getStore(), id, patch, principal.id));
});

/** Removes the source; its reports stay, with their source name. */
export const DELETE = route(async (req: Request, ctx: RouteContext<'/api/sources/[id]'>) => {
  const principal = await authorize(req, 'admin');
  await deleteSource(getStore(), parsePathId((await ctx.params).id), principal.id);
  return new Response(null, { status: 204 });
});
