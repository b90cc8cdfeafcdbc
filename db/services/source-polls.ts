import { eq, sql } from 'drizzle-orm';
import { sources } from '@/db/schema';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';

/**
 * The database half of polling a source: a lease so two processes (the server's scheduler and
 * `npm run intake`) never fetch the same source at once, and the outcome written back to the row.
 * The lease is a row of `meta` keyed by source, holding its expiry: taking it is one upsert that
 * succeeds only when no unexpired lease exists, so the race is settled by SQLite. A process that
 * dies mid-poll leaves a lease that simply expires.
 */

const leaseKey = (id: number) => `source-poll:${id}`;

/** True when this caller now holds the source's lease until `until`. */
export function claimSourcePoll(store: Store, id: number, now: number, until: number): boolean {
  const got = sqlOf(store)
    .$client.prepare(
      `INSERT INTO meta (key, value) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE CAST(meta.value AS INTEGER) <= ?
       RETURNING key`,
    )
    .get(leaseKey(id), String(until), now);
  return got !== undefined;
}

/** Gives the lease back (only the one this caller took: an expired one may belong to someone else by now). */
export function releaseSourcePoll(store: Store, id: number, until: number): void {
  sqlOf(store).$client.prepare('DELETE FROM meta WHERE key = ? AND value = ?').run(leaseKey(id), String(until));
}

export interface PollSuccess {
  startedAt: number;
  finishedAt: number;
  /** null on a 304: the validators held, so the stored ones stay. */
  validators: { etag: string | null; lastModified: string | null } | null;
  newItems: number;
  /** From the row's interval as it is now (an admin may have changed it during the poll). */
  nextFetchAt: (pollMinutes: number) => number;
}

export function recordPollSuccess(store: Store, id: number, s: PollSuccess): void {
  const db = sqlOf(store);
  db.transaction(
    (tx) => {
      const row = tx.select({ enabled: sources.enabled, pollMinutes: sources.pollMinutes }).from(sources).where(eq(sources.id, id)).get();
      if (!row) return;
      tx.update(sources)
        .set({
          lastFetchAt: s.startedAt,
          lastSuccessAt: s.finishedAt,
          lastError: null,
          failures: 0,
          ...(s.validators ? { etag: s.validators.etag, lastModified: s.validators.lastModified } : {}),
          itemsSeen: sql`${sources.itemsSeen} + ${s.newItems}`,
          // A disabled source fetched by hand stays unscheduled.
          nextFetchAt: row.enabled ? s.nextFetchAt(row.pollMinutes) : null,
          updatedAt: s.finishedAt,
        })
        .where(eq(sources.id, id))
        .run();
    },
    { behavior: 'immediate' },
  );
}

export interface PollFailure {
  startedAt: number;
  finishedAt: number;
  message: string;
  /** From the failure count including this one, and the row's interval. */
  nextFetchAt: (failures: number, pollMinutes: number) => number;
}

/** Stores the failure and schedules the retry with the caller's back-off. */
export function recordPollFailure(store: Store, id: number, f: PollFailure): void {
  const db = sqlOf(store);
  db.transaction(
    (tx) => {
      const row = tx
        .select({ enabled: sources.enabled, failures: sources.failures, pollMinutes: sources.pollMinutes })
        .from(sources)
        .where(eq(sources.id, id))
        .get();
      if (!row) return;
      const failures = row.failures + 1;
      tx.update(sources)
        .set({
          lastFetchAt: f.startedAt,
          lastError: f.message,
          failures,
          nextFetchAt: row.enabled ? f.nextFetchAt(failures, row.pollMinutes) : null,
          updatedAt: f.finishedAt,
        })
        .where(eq(sources.id, id))
        .run();
    },
    { behavior: 'immediate' },
  );
}
