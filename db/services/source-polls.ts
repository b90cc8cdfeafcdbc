import { eq, sql } from 'drizzle-orm';
import { sources } from '@/db/schema';
import type { Store } from '@/db/store';
import { builder, execute, rows, transact, type Isolation } from '@/db/engine';

/**
 * The database half of polling a source: a lease so two processes (the server's scheduler and
 * `npm run intake`) never fetch the same source at once, and the outcome written back to the row.
 * The lease is a row of `meta` keyed by source, holding its expiry: taking it is one upsert that
 * succeeds only when no unexpired lease exists, so the race is settled by the database, on either
 * engine and across instances (PostgreSQL locks the conflicting row and tests the condition on its
 * latest version). A process that dies mid-poll leaves a lease that simply expires.
 */

/**
 * The outcome is written from a read of the row (its interval, its failure count): at REPEATABLE
 * READ on PostgreSQL a concurrent change of the row makes the write run again on fresh values.
 */
const READ_THEN_WRITE: { isolation: Isolation } = { isolation: 'repeatable read' };

const leaseKey = (id: number) => `source-poll:${id}`;

/** True when this caller now holds the source's lease until `until`. */
export async function claimSourcePoll(store: Store, id: number, now: number, until: number): Promise<boolean> {
  // BIGINT: epoch milliseconds overflow PostgreSQL's INTEGER (SQLite reads both as its integer).
  const got = await transact(store, (tx) =>
    rows<{ key: string }>(
      tx,
      sql`INSERT INTO meta (key, value) VALUES (${leaseKey(id)}, ${String(until)})
          ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE CAST(meta.value AS BIGINT) <= ${now}
          RETURNING key`,
    ),
  );
  return got.length > 0;
}

/** Gives the lease back (only the one this caller took: an expired one may belong to someone else by now). */
export async function releaseSourcePoll(store: Store, id: number, until: number): Promise<void> {
  await transact(store, (tx) => execute(tx, sql`DELETE FROM meta WHERE key = ${leaseKey(id)} AND value = ${String(until)}`));
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

export async function recordPollSuccess(store: Store, id: number, s: PollSuccess): Promise<void> {
  await transact(
    store,
    async (t) => {
      const tx = builder(t);
      const [row] = await tx.select({ enabled: sources.enabled, pollMinutes: sources.pollMinutes }).from(sources).where(eq(sources.id, id));
      if (!row) return;
      await tx
        .update(sources)
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
        .where(eq(sources.id, id));
    },
    READ_THEN_WRITE,
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
export async function recordPollFailure(store: Store, id: number, f: PollFailure): Promise<void> {
  await transact(
    store,
    async (t) => {
      const tx = builder(t);
      const [row] = await tx
        .select({ enabled: sources.enabled, failures: sources.failures, pollMinutes: sources.pollMinutes })
        .from(sources)
        .where(eq(sources.id, id));
      if (!row) return;
      const failures = row.failures + 1;
      await tx
        .update(sources)
        .set({
          lastFetchAt: f.startedAt,
          lastError: f.message,
          failures,
          nextFetchAt: row.enabled ? f.nextFetchAt(failures, row.pollMinutes) : null,
          updatedAt: f.finishedAt,
        })
        .where(eq(sources.id, id));
    },
    READ_THEN_WRITE,
  );
}

/** Extends a held lease (a long ACLED backfill renews it after each page); false when it was lost. */
export async function renewSourcePoll(store: Store, id: number, until: number, newUntil: number): Promise<boolean> {
  const got = await transact(store, (tx) =>
    rows<{ key: string }>(
      tx,
      sql`UPDATE meta SET value = ${String(newUntil)} WHERE key = ${leaseKey(id)} AND value = ${String(until)} RETURNING key`,
    ),
  );
  return got.length > 0;
}
