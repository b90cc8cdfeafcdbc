import type { Metadata } from 'next';
import { SubscriptionsManager } from '@/components/subscriptions/subscriptions-manager';
import { normaliseViewQuery } from '@/lib/views/schema';
import { authorizePage } from '@/server/auth/authorize';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Subscriptions · Frontier Watch' };

/**
 * Every signed-in user manages their own subscriptions (admins everyone's; the API enforces both).
 * Opened with dashboard parameters (`/subscriptions?group=ttp&region=kp`), the form starts from them.
 */
export default async function SubscriptionsPage({ searchParams }: PageProps<'/subscriptions'>) {
  const me = await authorizePage('viewer');
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (typeof v === 'string') params.set(k, v);
  const { query } = normaliseViewQuery(params.toString());
  return <SubscriptionsManager accountEmail={me.kind === 'user' ? me.name : ''} admin={me.role === 'admin'} initialQuery={query} />;
}
