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
 * PostgreSQL: the settled horizon X of a read, as an xid8 (bigint). Every transaction of THIS
 * database with an xid below X has ended, and every transaction that is running, or gets an xid
 * later, has an xid of X or above. It is the smallest of
 * - the xid of every session of this database that holds one (pg_stat_activity.backend_xid: the
 *   32-bit xid, widened to 64 bits with the epoch of the snapshot's xmax, the nearest way round:
 *   a running transaction's xid lies within 2^31 of it, above or below), and
 * - the snapshot's xmax (the newest completed xid + 1: every xid handed out later is larger), so
 *   a transaction that takes its xid after this query (it may have begun before, xids are taken at
 *   the first write) lands above X.
 * Only this database's sessions count: a long transaction in another database of the server (it
 * cannot write our outbox) holds nothing back, as the server-wide pg_snapshot_xmin would.
 *
 * pg_stat_activity shows every session's database and xid to every role (the permission check of
 * pg_stat_get_activity() covers the query text and state, not those), so sessions of other roles
 * in this database count too.
 *
 * It must be read in its own statement BEFORE the statement that reads `events`: that one's snapshot
 * is then taken after every transaction below X had ended, so it sees all their rows (READ
 * COMMITTED gives each statement a new snapshot; readers run on the pool, outside transactions).
 */
export async function pgSettledHorizon(store: Store): Promise<number> {
  const [row] = await rows<{ horizon: number }>(
    store,
    sql`WITH x AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax),
             mine AS (
               SELECT backend_xid::text::bigint AS xid32 FROM pg_stat_activity
               WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()
             ),
             widened AS (
               SELECT ((x.xmax >> 32) << 32) + mine.xid32 AS xid, x.xmax FROM x JOIN mine ON true
             )
        SELECT least((SELECT xmax FROM x), (SELECT min(CASE WHEN xid > xmax + 2147483648 THEN xid - 4294967296
                                                            WHEN xid < xmax - 2147483648 THEN xid + 4294967296
                                                            ELSE xid END) FROM widened)) AS horizon`,
  );
  return row.horizon;
}

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
  return lastPositionBelow(store, await pgSettledHorizon(store));
}

/**
 * PostgreSQL: the last outbox row below a settled horizon read earlier (pgSettledHorizon), as the
 * snapshot of `store` sees it (a transaction's own snapshot for the incident index's load).
 */
export async function lastPositionBelow(store: Store, horizon: number): Promise<OutboxPosition> {
  const [row] = await rows<OutboxPosition>(
    store,
    sql`SELECT xid, seq FROM events WHERE xid < ${horizon} ORDER BY xid DESC, seq DESC LIMIT 1`,
  );
  return row ?? OUTBOX_START;
}
