import { sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Store } from '../connection';
import { isPgTransaction } from './store';
import { executePrepared, holdWrite } from './named-statements';

interface Pending {
  query: SQL;
  resolve: (value: { rows: unknown[]; rowCount: number }) => void;
  reject: (error: unknown) => void;
}

type Execute = (query: SQL) => Promise<{ rows: unknown[]; rowCount: number | null }>;

/** Where a batching view keeps its read function (db/engine.ts rows() looks for it). */
export const BATCHED_READ = Symbol.for('frontierWatch.pgBatchedRead');

/** The batching read of a view made by batchingReads, if `store` is one. */
export const batchedReadOf = (store: Store): ((query: SQL) => Promise<{ rows: unknown[] }>) | undefined =>
  (store as { [BATCHED_READ]?: (query: SQL) => Promise<{ rows: unknown[] }> })[BATCHED_READ];

/** Where a batching view keeps its write function (see batchedWriteOf). */
export const BATCHED_WRITE = Symbol.for('frontierWatch.pgBatchedWrite');

/**
 * The batching view's write, if `store` is one, for rows nothing in the transaction reads back
 * (the audit row of a write): held to go out in front of the transaction's next query, whatever
 * it is (./deferred-utility.ts: the COMMIT, if nothing comes before), so it costs no round trip
 * of its own; resolves at once, and its failure fails that query and so the transaction. Where it
 * cannot be held, an INSERT sent as a data-modifying CTE of the next batch of reads (alone if none
 * come), resolved once that statement has run.
 */
export const batchedWriteOf = (store: Store): ((query: SQL) => Promise<unknown>) | undefined =>
  (store as { [BATCHED_WRITE]?: (query: SQL) => Promise<unknown> })[BATCHED_WRITE];

const BATCHED_SETTLE = Symbol.for('frontierWatch.pgBatchedSettle');

/**
 * Waits until every write queued on a batching view so far has run (nothing to wait for on any
 * other handle). Before a savepoint: a rollback to it must not undo a write queued before it.
 */
export async function settleBatchedWrites(store: Store): Promise<void> {
  await (store as { [BATCHED_SETTLE]?: () => Promise<unknown> })[BATCHED_SETTLE]?.();
}

const BATCHED_TRACK = Symbol.for('frontierWatch.pgBatchedTrack');

/**
 * Counts `work` (which ends in batched writes not queued yet: an audit row waiting for the read
 * it records) among the writes settleBatchedWrites waits for. Nothing on any other handle.
 */
export function trackBatchedWrites(store: Store, work: Promise<unknown>): void {
  (store as { [BATCHED_TRACK]?: (p: Promise<unknown>) => void })[BATCHED_TRACK]?.(work);
}

const BATCHED_GATE = Symbol.for('frontierWatch.pgBatchedGate');

/**
 * Holds the answers of the view's reads until `settled` settles (either way; nothing on any other
 * handle). Reads sent with an insert whose answer they depend on in Node (the ids of the rows it
 * stored, filled in when it answers: db/services/incident-writes.ts) are then never seen first.
 */
export function gateReads(store: Store, settled: Promise<unknown>): void {
  (store as { [BATCHED_GATE]?: (p: Promise<unknown>) => void })[BATCHED_GATE]?.(settled);
}

/**
 * A view of a PostgreSQL transaction handle whose raw reads (`rows()` of db/engine.ts) issued in
 * the same turn of the event loop reach the server as ONE statement: each becomes a `(SELECT coalesce(json_agg(q), '[]') FROM (<read>) q)` column of a single
 * SELECT. Alert evaluation on every write reads a window per threshold rule, a dedupe check per
 * crossing and the new-actor look-ups; issued one by one, each was a network round trip through
 * the pool (about 30 per POST with 200 rules), and the round trips, not the reads, were the cost.
 * Evaluations that run their rules side by side (alert-engine.ts) now pay one round trip per
 * step of the longest rule instead.
 *
 * Only for reads of numbers, text and booleans (what JSON carries unchanged: bigint and numeric
 * read as numbers on this driver anyway); `execute()` (writes, locks, savepoints) and the query
 * builder are not batched and run in their order (see batchedWriteOf for the one exception). Rows
 * keep their subquery's ORDER BY: json_agg over a sorted subquery with nothing else at that
 * level (no join, no grouping) aggregates in that order. A lone read runs as it is. Anything
 * else called on the view goes to the handle itself. SQLite handles are returned unchanged
 * (their reads are synchronous and cost no round trip).
 */
export function batchingReads(tx: Store): Store {
  if (!isPgTransaction(tx) || batchedReadOf(tx)) return tx;
  const target = tx as unknown as NodePgDatabase;
  // Named once repeated (./named-statements.ts): the same rules make the same batches on every POST.
  const direct: Execute = (query) => executePrepared(tx, query);
  let pending: Pending[] = [];
  let writes: Pending[] = [];

  // Answers are handed out only once this settles (see gateReads).
  let gate: Promise<unknown> | null = null;
  const after =
    <T>(fn: (v: T) => void) =>
    (v: T) =>
      gate ? void gate.then(() => fn(v)) : fn(v);

  const flush = () => {
    const [batch, sent] = [pending, writes];
    [pending, writes] = [[], []];
    const lone = batch.length + sent.length === 1 ? (batch[0] ?? sent[0]) : null;
    if (lone) {
      direct(lone.query).then(
        after((r) => lone.resolve({ rows: r.rows, rowCount: r.rowCount ?? r.rows.length })),
        after(lone.reject),
      );
      return;
    }
    const ctes = sent.map(({ query }, i) => sql`${sql.raw(`w${i}`)} AS (${query})`);
    const columns = batch.map(({ query }, i) => sql`(SELECT coalesce(json_agg(q), '[]'::json) FROM (${query}) q) AS ${sql.raw(`r${i}`)}`);
    const statement = sql`${ctes.length ? sql`WITH ${sql.join(ctes, sql`, `)} ` : sql``}SELECT ${columns.length ? sql.join(columns, sql`, `) : sql`1`}`;
    direct(statement).then(
      after((r) => {
        const row = r.rows[0] as Record<string, unknown[]>;
        batch.forEach((p, i) => {
          const got = row[`r${i}`];
          p.resolve({ rows: got, rowCount: got.length });
        });
        sent.forEach((p) => p.resolve({ rows: [], rowCount: 0 }));
      }),
      after((err: unknown) => [...batch, ...sent].forEach((p) => p.reject(err))),
    );
  };

  const queue = (to: () => Pending[], query: SQL) =>
    new Promise<{ rows: unknown[]; rowCount: number }>((resolve, reject) => {
      to().push({ query, resolve, reject });
      // After every promise callback of this turn: the reads the other rules issue as they resume.
      if (pending.length + writes.length === 1) setImmediate(flush);
    });
  const read = (query: SQL) => queue(() => pending, query);
  const unsettled = new Set<Promise<unknown>>();
  const track = (done: Promise<unknown>) => {
    unsettled.add(done);
    const forget = () => void unsettled.delete(done);
    done.then(forget, forget);
  };
  const write = (query: SQL) => {
    if (holdWrite(tx, query)) return Promise.resolve({ rows: [], rowCount: 0 });
    const done = queue(() => writes, query);
    track(done);
    return done;
  };
  const settle = () => Promise.allSettled([...unsettled]);

  return new Proxy(target, {
    get(t, prop) {
      if (prop === BATCHED_READ) return read;
      if (prop === BATCHED_WRITE) return write;
      if (prop === BATCHED_SETTLE) return settle;
      if (prop === BATCHED_TRACK) return track;
      if (prop === BATCHED_GATE)
        return (p: Promise<unknown>) => {
          const settled = p.then(
            () => undefined,
            () => undefined,
          );
          gate = gate ? Promise.all([gate, settled]) : settled;
        };
      const value: unknown = Reflect.get(t, prop, t);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  }) as unknown as Store;
}
