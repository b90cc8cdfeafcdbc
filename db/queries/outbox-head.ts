import { sql } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { engineOf, rows } from '@/db/engine';
import { cachedStatement } from '@/db/statement-cache';

/**
 * The newest outbox seq (0 when empty). Every write appends to `events` in its transaction, so
 * caches that follow the database (incident index, map cluster indexes, the live poller) compare
 * this one indexed lookup to know whether anything changed.
 */
export async function outboxHead(store: Store): Promise<number> {
  if (engineOf(store) === 'sqlite')
    return cachedStatement(sqlOf(store), 'SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number;
  const [r] = await rows<{ seq: number }>(store, sql`SELECT coalesce(max(seq), 0) AS seq FROM events`);
  return Number(r.seq);
}
