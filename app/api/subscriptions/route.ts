import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { createSubscription, listSubscriptions } from '@/db/services/subscriptions';
import { subscriptionCreateSchema } from '@/lib/subscriptions/schema';
import { authorize } from '@/server/auth/authorize';
import { parseOr400, readJson, route } from '@/server/http/respond';
import { askerOf } from '@/server/subscriptions/asker';
import { mailIsConfigured, queueConfirmation } from '@/server/subscriptions/mail-wiring';

export const dynamic = 'force-dynamic';

/** The caller's subscriptions (admins: everyone's, with the owner), and whether email is configured. */
export const GET = route(async (req: Request) => {
  const principal = await authorize(req, 'viewer');
  const items = await listSubscriptions(getStore(), askerOf(principal));
  return NextResponse.json({ items, mailConfigured: mailIsConfigured() }, { headers: { 'cache-control': 'no-store' } });
});

/**
 * Subscribes (every role). A non-admin subscribing an address other than their account's gets
 * `confirmedAt: null` and a confirmation mail to that address; nothing else is sent until it is confirmed.
 */
export const POST = route(async (req: Request) => {
  const principal = await authorize(req, 'viewer');
  const input = parseOr400(subscriptionCreateSchema, await readJson(req, 8 * 1024), 'subscription');
  const store = getStore();
  const { subscription } = await createSubscription(store, input, askerOf(principal));
  const confirmation = subscription.confirmedAt === null ? await queueConfirmation(store, subscription.id) : null;
  return NextResponse.json({ ...subscription, confirmation }, { status: 201 });
});
