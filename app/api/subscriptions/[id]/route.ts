import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { deleteSubscription, readSubscription, updateSubscription } from '@/db/services/subscriptions';
import { subscriptionPatchSchema } from '@/lib/subscriptions/schema';
import { parsePathId } from '@/lib/validation/path-id';
import { authorize } from '@/server/auth/authorize';
import { parseOr400, readJson, route } from '@/server/http/respond';
import { askerOf } from '@/server/subscriptions/asker';
import { queueConfirmation } from '@/server/subscriptions/mail-wiring';

export const dynamic = 'force-dynamic';

/** One subscription: the caller's own (admins: anyone's); someone else's is a 404. */
export const GET = route(async (req: Request, ctx: RouteContext<'/api/subscriptions/[id]'>) => {
  const principal = await authorize(req, 'viewer');
  const id = parsePathId((await ctx.params).id);
  return NextResponse.json(await readSubscription(getStore(), id, askerOf(principal)), { headers: { 'cache-control': 'no-store' } });
});

/** Changes filter, minSeverity, email or enabled; a new address of a non-admin's own subscription must confirm again. */
export const PATCH = route(async (req: Request, ctx: RouteContext<'/api/subscriptions/[id]'>) => {
  const principal = await authorize(req, 'viewer');
  const id = parsePathId((await ctx.params).id);
  const patch = parseOr400(subscriptionPatchSchema, await readJson(req, 8 * 1024), 'subscription change');
  const store = getStore();
  const { subscription, confirmToken } = await updateSubscription(store, id, patch, askerOf(principal));
  const confirmation = confirmToken ? await queueConfirmation(store, id) : null;
  return NextResponse.json({ ...subscription, confirmation });
});

export const DELETE = route(async (req: Request, ctx: RouteContext<'/api/subscriptions/[id]'>) => {
  const principal = await authorize(req, 'viewer');
  await deleteSubscription(getStore(), parsePathId((await ctx.params).id), askerOf(principal));
  return new Response(null, { status: 204 });
});
