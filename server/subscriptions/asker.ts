import 'server-only';
import type { SubscriptionAsker } from '@/db/services/subscriptions';
import type { Principal } from '@/lib/auth/roles';

/** The subscriptions services' view of a principal: its user id (null for an API token) and whether it is an admin. */
export function askerOf(p: Principal): SubscriptionAsker {
  const m = /^user:(\d+)$/.exec(p.id);
  return { id: p.id, userId: m ? Number(m[1]) : null, admin: p.role === 'admin' };
}
