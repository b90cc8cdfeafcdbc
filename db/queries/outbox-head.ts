import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { cachedStatement } from '@/db/statement-cache';

/**
 * The newest outbox seq (0 when empty). Every write appends to `events` in its transaction, so
 * caches that follow the database (incident index, map cluster indexes, the live poller) compare
 * this one indexed lookup to know whether anything changed.
 */
export function outboxHead(store: Store): number {
  const db = sqlOf(store);
  return cachedStatement(db, 'SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number;
}
