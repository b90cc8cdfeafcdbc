import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { listDeliveries } from '@/db/services/mail-deliveries';
import { readSubscription } from '@/db/services/subscriptions';
import { parsePathId } from '@/lib/validation/path-id';
import { authorize } from '@/server/auth/authorize';
import { route } from '@/server/http/respond';
import { askerOf } from '@/server/subscriptions/asker';

export const dynamic = 'force-dynamic';

/** The subscription's delivery log, newest first (last 100): queued, sent, failed with the server's answer. */
export const GET = route(async (req: Request, ctx: RouteContext<'/api/subscriptions/[id]/deliveries'>) => {
  const principal = await authorize(req, 'viewer');
  const id = parsePathId((await ctx.params).id);
  const store = getStore();
  await readSubscription(store, id, askerOf(principal));
  return NextResponse.json({ items: await listDeliveries(store, id) }, { headers: { 'cache-control': 'no-store' } });
});
