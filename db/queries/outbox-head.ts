import { sql } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { engineOf, rows } from '@/db/engine';
import { cachedStatement } from '@/db/statement-cache';

/**
 * Where a reader stands in the outbox. On SQLite (one writer at a time, rows commit in seq order)
 * the order is `seq` and `xid` is 0. On PostgreSQL the order is (xid, seq): see db/queries/outbox.ts
 * for why, and why no reader ever passes a row that commits later.
 */
export interface OutboxPosition {
  xid: number;
  seq: number;
}

/** Before every row. */
export const OUTBOX_START: OutboxPosition = { xid: 0, seq: 0 };

/** True when `a` comes after `b` in the outbox's delivery order. */
export const isAfter = (a: OutboxPosition, b: OutboxPosition): boolean => a.xid > b.xid || (a.xid === b.xid && a.seq > b.seq);

/**
 * PostgreSQL: the id of the oldest transaction still running when the statement's snapshot was
 * taken. Every transaction below it has ended, so its rows are final (committed and visible, or
 * rolled back and gone); pg_current_snapshot() is the statement's own snapshot.
 */
export const PG_SETTLED = sql`pg_snapshot_xmin(pg_current_snapshot())::text::bigint`;

/**
 * The newest outbox seq a reader may have seen (0 when empty). Every write appends to `events` in
 * its transaction, so caches that follow the database (incident index, map cluster indexes, the
 * live poller) compare this one indexed lookup to know whether anything changed. On PostgreSQL
 * it is the last row of the settled prefix (outboxPosition), which only ever grows at its end.
 */
export async function outboxHead(store: Store): Promise<number> {
  if (engineOf(store) === 'sqlite') return sqliteOutboxHead(store);
  return (await outboxPosition(store)).seq;
}

/** SQLite's head, synchronously, for SQLite code that stays synchronous for speed (the incident index). */
export function sqliteOutboxHead(store: Store): number {
  return cachedStatement(sqlOf(store), 'SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number;
}

/** The position of the newest row a reader may be given (OUTBOX_START when there is none). */
export async function outboxPosition(store: Store): Promise<OutboxPosition> {
  if (engineOf(store) === 'sqlite') return { xid: 0, seq: sqliteOutboxHead(store) };
  const [row] = await rows<OutboxPosition>(
    store,
    sql`SELECT xid, seq FROM events WHERE xid < ${PG_SETTLED} ORDER BY xid DESC, seq DESC LIMIT 1`,
  );
  return row ?? OUTBOX_START;
}
