import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { listDeliveries } from '@/db/services/webhooks';
import { authorize } from '@/server/auth/authorize';
import { deliveryListQuery } from '@/lib/alerts/api-schemas';
import { parseOr400, route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/** Webhook delivery log, newest first: status, attempts, last status code and error. */
export const GET = route(async (req: Request) => {
  await authorize(req, 'viewer');
  const q = parseOr400(deliveryListQuery, Object.fromEntries(new URL(req.url).searchParams), 'delivery query');
  return NextResponse.json({ items: await listDeliveries(getStore(), q) }, { headers: { 'cache-control': 'no-store' } });
});
