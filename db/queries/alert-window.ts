import { sql } from 'drizzle-orm';
import { cachedStatement as stmt } from '@/db/statement-cache';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { engineOf, rows } from '@/db/engine';
import type { EventSequence, WindowEvent } from '@/lib/alerts/window-rules';
import type { ScopeSql } from './alert-scope';
import { read, runAsync, type Maybe, type Step } from './alert-step';

/**
 * Window reads of the threshold and spike rules. Each `read…` runs a better-sqlite3 prepared
 * statement on SQLite and answers synchronously (see alert-step.ts), and the same SQL through
 * Drizzle on PostgreSQL; the exported async functions of the same names are their Promise forms.
 */

const EVENT_COLS = sql.raw('id, occurred_at AS at, coalesce(killed, 0) AS killed');

/** In-scope incidents with from < occurredAt < to, oldest first. */
export function readWindowEvents(store: Store, scope: ScopeSql, from: number, to: number): Maybe<WindowEvent[]> {
  if (engineOf(store) === 'sqlite') {
    const text = `SELECT id, occurred_at AS at, coalesce(killed, 0) AS killed FROM incidents WHERE occurred_at > ? AND occurred_at < ?${scope.where} ORDER BY occurred_at, id`;
    return stmt(sqlOf(store), text).all(from, to, ...scope.params) as WindowEvent[];
  }
  return rows<WindowEvent>(
    store,
    sql`SELECT ${EVENT_COLS} FROM incidents WHERE occurred_at > ${from} AND occurred_at < ${to}${scope.sql} ORDER BY occurred_at, id`,
  );
}
export const windowEvents = async (...a: Parameters<typeof readWindowEvents>): Promise<WindowEvent[]> => readWindowEvents(...a);

/**
 * An event sequence read lazily from the database. On SQLite `get` reads the next chunk itself
 * (better-sqlite3 is synchronous); on PostgreSQL a read past what is loaded throws NEED_MORE and
 * `decide` loads the next chunk and runs the (pure, cheap) decision again.
 */
export interface LazySequence extends EventSequence {
  more(): Maybe<void>;
}

/** Thrown by a PostgreSQL sequence's `get` past what is loaded; made once, so throwing it is cheap. */
class NeedMore extends Error {}
const NEED_MORE = new NeedMore('window events not read yet');

/** Runs a decision that reads `seq` (thresholdCrossing, thresholdFiringAt), reading chunks as it needs them. */
export function* decideStep<T>(seq: LazySequence, fn: (s: EventSequence) => T): Step<T> {
  for (;;) {
    try {
      return fn(seq);
    } catch (err) {
      if (err !== NEED_MORE) throw err;
      yield* read(seq.more());
    }
  }
}

/**
 * In-scope events with from < occurredAt < to, oldest first, read lazily in growing keyset chunks:
 * a threshold in a busy scope is decided by its first few events, not the whole window.
 * On SQLite the bounds and the LIMIT are bound as `+?`, an expression, not a bare parameter:
 * SQLite re-plans a statement on every run when a bare parameter's value may change the plan (a
 * LIMIT, and with sqlite_stat4 a range on an indexed column), which was almost half of each read
 * here, and a post reads about a dozen windows. The plan is the same either way.
 */
export function lazyWindowEvents(store: Store, scope: ScopeSql, from: number, to: number): LazySequence {
  const loaded: WindowEvent[] = [];
  let done = false;
  let chunk = 8;
  const took = (got: WindowEvent[]) => {
    loaded.push(...got);
    done = got.length < chunk;
    chunk = Math.min(chunk * 4, 4096);
  };
  if (engineOf(store) === 'sqlite') {
    const db = sqlOf(store);
    const base = `SELECT id, occurred_at AS at, coalesce(killed, 0) AS killed FROM incidents WHERE occurred_at > +? AND occurred_at < +?${scope.where}`;
    const next = `${base} AND (occurred_at > +? OR (occurred_at = +? AND id > +?)) ORDER BY occurred_at, id LIMIT +?`;
    const first = `${base} ORDER BY occurred_at, id LIMIT +?`;
    return {
      get(k) {
        while (k >= loaded.length && !done) {
          const last = loaded.at(-1);
          took(
            (last
              ? stmt(db, next).all(from, to, ...scope.params, last.at, last.at, last.id, chunk)
              : stmt(db, first).all(from, to, ...scope.params, chunk)) as WindowEvent[],
          );
        }
        return loaded[k];
      },
      more: () => undefined,
    };
  }
  // Rules evaluated side by side share a sequence: one chunk read at a time, which all of them wait for.
  let reading: Promise<void> | null = null;
  const readChunk = async () => {
    const last = loaded.at(-1);
    const after = last ? sql` AND (occurred_at > ${last.at} OR (occurred_at = ${last.at} AND id > ${last.id}))` : sql``;
    took(
      await rows<WindowEvent>(
        store,
        sql`SELECT ${EVENT_COLS} FROM incidents WHERE occurred_at > ${from} AND occurred_at < ${to}${scope.sql}${after}
              ORDER BY occurred_at, id LIMIT ${chunk}`,
      ),
    );
  };
  return {
    get(k) {
      if (k >= loaded.length && !done) throw NEED_MORE;
      return loaded[k];
    },
    more() {
      reading ??= readChunk().finally(() => (reading = null));
      return reading;
    },
  };
}

/** occurred_at of the latest in-scope incident with from < occurredAt < to, or null. */
export function readLatestEventAt(store: Store, scope: ScopeSql, from: number, to: number): Maybe<number | null> {
  if (engineOf(store) === 'sqlite') {
    const text = `SELECT occurred_at FROM incidents WHERE occurred_at > ? AND occurred_at < ?${scope.where} ORDER BY occurred_at DESC LIMIT 1`;
    return (
      (stmt(sqlOf(store), text)
        .pluck()
        .get(from, to, ...scope.params) as number | undefined) ?? null
    );
  }
  return rows<{ at: number }>(
    store,
    sql`SELECT occurred_at AS at FROM incidents WHERE occurred_at > ${from} AND occurred_at < ${to}${scope.sql} ORDER BY occurred_at DESC LIMIT 1`,
  ).then(([r]) => r?.at ?? null);
}
export const latestEventAt = async (...a: Parameters<typeof readLatestEventAt>): Promise<number | null> => readLatestEventAt(...a);

export interface SpikeCounts {
  observed: number;
  baseline: number;
}
type SpikeBounds = { baselineFrom: number; observedFrom: number; to: number };

/** In-scope counts for the spike test: (observedFrom, to] and (baselineFrom, observedFrom]. */
export function readSpikeCounts(store: Store, scope: ScopeSql, b: SpikeBounds): Maybe<SpikeCounts> {
  const counts = (row: { observed: number; total: number }) => ({ observed: row.observed, baseline: row.total - row.observed });
  if (engineOf(store) === 'sqlite') {
    const text = `SELECT coalesce(sum(occurred_at > ?), 0) AS observed, count(*) AS total FROM incidents WHERE occurred_at > ? AND occurred_at <= ?${scope.where}`;
    return counts(
      stmt(sqlOf(store), text).get(b.observedFrom, b.baselineFrom, b.to, ...scope.params) as { observed: number; total: number },
    );
  }
  // A comparison is a boolean on PostgreSQL: counted with FILTER rather than summed.
  return rows<{ observed: number; total: number }>(
    store,
    sql`SELECT count(*) FILTER (WHERE occurred_at > ${b.observedFrom}) AS observed, count(*) AS total FROM incidents
          WHERE occurred_at > ${b.baselineFrom} AND occurred_at <= ${b.to}${scope.sql}`,
  ).then(([row]) => counts(row));
}
export const spikeCounts = async (...a: Parameters<typeof readSpikeCounts>): Promise<SpikeCounts> => readSpikeCounts(...a);

/** Ids of the latest `limit` in-scope incidents with from < occurredAt <= to, oldest first. */
export function readRecentIds(store: Store, scope: ScopeSql, from: number, to: number, limit = 100): Maybe<number[]> {
  const ids = (got: { id: number }[]) => got.map((r) => r.id).reverse();
  if (engineOf(store) === 'sqlite') {
    const text = `SELECT id FROM incidents WHERE occurred_at > ? AND occurred_at <= ?${scope.where} ORDER BY occurred_at DESC LIMIT ?`;
    return ids(stmt(sqlOf(store), text).all(from, to, ...scope.params, limit) as { id: number }[]);
  }
  return rows<{ id: number }>(
    store,
    sql`SELECT id FROM incidents WHERE occurred_at > ${from} AND occurred_at <= ${to}${scope.sql} ORDER BY occurred_at DESC, id DESC LIMIT ${limit}`,
  ).then(ids);
}
export const recentIds = async (...a: Parameters<typeof readRecentIds>): Promise<number[]> => readRecentIds(...a);

/** decideStep as a promise (tests, and callers outside an evaluation). */
export const decide = <T>(seq: LazySequence, fn: (s: EventSequence) => T): Promise<T> => runAsync(decideStep(seq, fn));
