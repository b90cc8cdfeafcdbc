/**
 * Reads of the `events` outbox for the live stream and the caches that follow the database
 * (server/live/outbox.ts turns rows into SSE frames).
 *
 * SQLite has one writer at a time, so rows commit in `seq` order and "after seq N" is `seq > N`.
 *
 * PostgreSQL: `seq` comes from one identity, but transactions commit out of seq order. T1 takes
 * seq 5, T2 takes seq 6 and commits, a reader reads `seq > 4`, gets 6 and moves on; T1 commits 5,
 * which no `seq > 6` ever returns. So the rows are delivered in (xid, seq) order, xid being the
 * appending transaction's id (events.xid, db/migrations-pg/0002), and a read returns only rows with
 * `xid < X`, X = the settled horizon read just before it (pgSettledHorizon, db/queries/outbox-head.ts).
 *
 * Why no row is ever passed: call the rows with xid < X at a read "settled". (1) Every transaction
 * of this database with an xid below X had ended before the read's snapshot was taken, so the
 * settled rows are exactly the rows those transactions committed, all visible to the read:
 * nothing settled is missing from it. (2) A transaction that has not ended, or takes its xid later,
 * has an xid ≥ X, so every row that is not yet visible, or not yet written, lands after every
 * settled row in (xid, seq) order. A later read's X is at least as large. Hence the settled rows
 * only ever grow at their end, and a reader that resumes after the last position it was given
 * (eventsAfter) sees every row exactly once, in one order for every instance. The price: a long
 * write transaction in this database holds back delivery of everything that commits after it
 * started, until it ends (docs/scale-out.md).
 */
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Store } from '@/db/store';
import { builder, engineOf, rows } from '@/db/engine';
import { events, importBatches } from '@/db/schema';
import { OUTBOX_START, pgSettledHorizon, type OutboxPosition } from './outbox-head';

export type EventType = (typeof events.$inferSelect)['type'];

/** An outbox row and its position (`xid` 0 on SQLite). */
export type OutboxRow = typeof events.$inferSelect & { xid: number };

export interface OutboxReadOptions {
  /** Only these types (in SQL, before the limit); the position still moves past the others. */
  types?: readonly EventType[];
}

/**
 * Outbox rows after `after`, oldest first (at most `limit`). `after` is a position a read returned,
 * or a seq (an SSE Last-Event-ID, a cache's head): on PostgreSQL a seq stands for its row's
 * position, and one that names no row for the newest row before it.
 */
export async function eventsAfter(
  store: Store,
  after: number | OutboxPosition,
  limit: number,
  opts: OutboxReadOptions = {},
): Promise<OutboxRow[]> {
  if (engineOf(store) === 'sqlite') {
    const seq = typeof after === 'number' ? after : after.seq;
    const found = await builder(store)
      .select()
      .from(events)
      .where(and(gt(events.seq, seq), typeFilter(opts.types)))
      .orderBy(asc(events.seq))
      .limit(limit);
    return found.map((r) => ({ ...r, xid: 0 }));
  }
  const from = await positionOf(store, after);
  const horizon = await pgSettledHorizon(store);
  return rows<OutboxRow>(
    store,
    sql`SELECT ${PG_COLUMNS} FROM events WHERE (xid, seq) > (${from.xid}, ${from.seq}) AND xid < ${horizon}${pgTypes(opts.types)}
        ORDER BY xid, seq LIMIT ${limit}`,
  );
}

/** The newest `limit` rows after `after`, oldest first: a reconnect after a long gap replays the recent tail. */
export async function recentEventsAfter(store: Store, after: number | OutboxPosition, limit: number): Promise<OutboxRow[]> {
  if (engineOf(store) === 'sqlite') {
    const seq = typeof after === 'number' ? after : after.seq;
    const found = await builder(store).select().from(events).where(gt(events.seq, seq)).orderBy(desc(events.seq)).limit(limit);
    return found.reverse().map((r) => ({ ...r, xid: 0 }));
  }
  const from = await positionOf(store, after);
  const horizon = await pgSettledHorizon(store);
  const found = await rows<OutboxRow>(
    store,
    sql`SELECT ${PG_COLUMNS} FROM events WHERE (xid, seq) > (${from.xid}, ${from.seq}) AND xid < ${horizon}
        ORDER BY xid DESC, seq DESC LIMIT ${limit}`,
  );
  return found.reverse();
}

/** A large import's counts; its rows carry import_batch_id = batchId. */
export async function importFrameData(store: Store, batchId: number) {
  const [batch] = await builder(store)
    .select({ inserted: importBatches.inserted, updated: importBatches.updated })
    .from(importBatches)
    .where(eq(importBatches.id, batchId))
    .limit(1);
  return batch ? { batchId, ...batch } : null;
}

const PG_COLUMNS = sql.raw(`seq, type, ref_id AS "refId", action, created_at AS "createdAt", xid`);

const typeFilter = (types: readonly EventType[] | undefined) => (types ? inArray(events.type, [...types]) : undefined);

function pgTypes(types: readonly EventType[] | undefined) {
  if (!types) return sql``;
  if (!types.length) return sql` AND false`;
  return sql` AND type IN (${sql.join(
    types.map((t) => sql`${t}`),
    sql`, `,
  )})`;
}

/** PostgreSQL: the position of the row with this seq, or of the newest row before it. */
async function positionOf(store: Store, after: number | OutboxPosition): Promise<OutboxPosition> {
  if (typeof after !== 'number') return after;
  if (after <= 0) return OUTBOX_START;
  const [row] = await rows<OutboxPosition>(store, sql`SELECT xid, seq FROM events WHERE seq <= ${after} ORDER BY seq DESC LIMIT 1`);
  return row ?? OUTBOX_START;
}
