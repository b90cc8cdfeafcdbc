import type { Store } from '@/db/store';
import { readView } from '@/db/services/saved-views';
import { subscriptionOwner } from '@/db/services/subscriptions';
import { hasRole } from '@/lib/auth/roles';
import { parseDashboardSearch } from '@/lib/filters/url';
import type { ViewFilter } from '@/lib/filters/schema';
import type { Subscription } from '@/lib/subscriptions/schema';
import { UndeliverableError } from './mail-port';

export interface ResolvedFilter {
  /** The dashboard query string the filter stands for. */
  query: string;
  filter: ViewFilter;
  /** For the mail: what the subscription covers, in words. */
  label: string;
}

/**
 * The subscription's filter as the dashboard reads it. A saved view is read as its OWNER reads it
 * (their own or a shared one): a view deleted or unshared since makes the mail undeliverable
 * rather than silently widening it to everything.
 */
export async function resolveFilter(store: Store, sub: Subscription): Promise<ResolvedFilter> {
  let query: string;
  let name: string | null = null;
  if ('viewId' in sub.filter) {
    const view = await readView(store, sub.filter.viewId, `user:${sub.userId}`);
    if (!view) throw new UndeliverableError(`saved view ${sub.filter.viewId} no longer exists or is no longer shared with the owner`);
    query = view.query;
    name = view.name;
  } else query = sub.filter.query;
  const { filter } = parseDashboardSearch(new URLSearchParams(query));
  const terms = [...new URLSearchParams(query)].map(([k, v]) => `${k}=${v}`).join(', ');
  const label = name ? `saved view "${name}"${terms ? ` (${terms})` : ''}` : terms || 'all incidents';
  return { query, filter, label };
}

/**
 * The owner must still be an active account whose role reads what the mail carries (weekly briefs
 * and alerts: every role, viewer upwards). Checked at every send, so a disabled account's
 * subscriptions stop mailing without being deleted.
 */
export async function assertOwnerMayRead(store: Store, userId: number): Promise<void> {
  const owner = await subscriptionOwner(store, userId);
  if (!owner) throw new UndeliverableError(`the owner (user ${userId}) no longer exists`);
  if (owner.disabledAt !== null) throw new UndeliverableError(`the owner's account (${owner.email}) is disabled`);
  if (!hasRole(owner.role, 'viewer')) throw new UndeliverableError(`the owner's role (${owner.role}) cannot read reports or alerts`);
}
