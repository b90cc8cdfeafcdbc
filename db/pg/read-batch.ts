import { sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Store } from '../connection';
import { isPgTransaction } from './store';

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

/**
 * A view of a PostgreSQL transaction handle whose raw reads (`rows()` of db/engine.ts) issued in the same turn of the event loop reach the server as ONE statement:
 * each becomes a `(SELECT coalesce(json_agg(q), '[]') FROM (<read>) q)` column of a single
 * SELECT. Alert evaluation on every write reads a window per threshold rule, a dedupe check per
 * crossing and the new-actor look-ups; issued one by one, each was a network round trip through
 * the pool (about 30 per POST with 200 rules), and the round trips, not the reads, were the cost.
 * Evaluations that run their rules side by side (alert-engine.ts) now pay one round trip per
 * step of the longest rule instead.
 *
 * Only for reads of numbers, text and booleans (what JSON carries unchanged: bigint and numeric
 * read as numbers on this driver anyway); `execute()` (writes, locks, savepoints) and the query
 * builder are not batched and run in their order. Rows
 * keep their subquery's ORDER BY: json_agg over a sorted subquery with nothing else at that
 * level (no join, no grouping) aggregates in that order. A lone read runs as it is. Anything
 * else called on the view goes to the handle itself. SQLite handles are returned unchanged
 * (their reads are synchronous and cost no round trip).
 */
export function batchingReads(tx: Store): Store {
  if (!isPgTransaction(tx) || batchedReadOf(tx)) return tx;
  const target = tx as unknown as NodePgDatabase;
  const direct: Execute = (query) => target.execute(query);
  let pending: Pending[] = [];

  const flush = () => {
    const batch = pending;
    pending = [];
    if (batch.length === 1) {
      const [one] = batch;
      direct(one.query).then((r) => one.resolve({ rows: r.rows, rowCount: r.rowCount ?? r.rows.length }), one.reject);
      return;
    }
    const columns = batch.map(({ query }, i) => sql`(SELECT coalesce(json_agg(q), '[]'::json) FROM (${query}) q) AS ${sql.raw(`r${i}`)}`);
    direct(sql`SELECT ${sql.join(columns, sql`, `)}`).then(
      (r) => {
        const row = r.rows[0] as Record<string, unknown[]>;
        batch.forEach((p, i) => {
          const got = row[`r${i}`];
          p.resolve({ rows: got, rowCount: got.length });
        });
      },
      (err: unknown) => batch.forEach((p) => p.reject(err)),
    );
  };

  const read = (query: SQL) =>
    new Promise<{ rows: unknown[]; rowCount: number }>((resolve, reject) => {
      pending.push({ query, resolve, reject });
      // After every promise callback of this turn: the reads the other rules issue as they resume.
      if (pending.length === 1) setImmediate(flush);
    });

  return new Proxy(target, {
    get(t, prop) {
      if (prop === BATCHED_READ) return read;
      const value: unknown = Reflect.get(t, prop, t);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  }) as unknown as Store;
}
