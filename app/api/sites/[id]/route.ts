import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { parsePathId } from '@/lib/validation/path-id';
import { deleteSite, updateSite } from '@/db/services/sites';
import { sitePatchSchema } from '@/lib/alerts/api-schemas';
import { authorize } from '@/server/auth/authorize';
import { parseOr400, readJson, route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

export const PATCH = route(async (req: Request, ctx: RouteContext<'/api/sites/[id]'>) => {
  const principal = await authorize(req, 'admin');
  const id = parsePathId((await ctx.params).id);
  const patch = parseOr400(sitePatchSchema, await readJson(req, 16 * 1024), 'site');
  return NextResponse.json(await updateSite(getStore(), id, patch, principal.id));
});

export const DELETE = route(async (req: Request, ctx: RouteContext<'/api/sites/[id]'>) => {
  const principal = await authorize(req, 'admin');
  await deleteSite(getStore(), parsePathId((await ctx.params).id), principal.id);
  return new Response(null, { status: 204 });
});
