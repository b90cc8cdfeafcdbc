import type Database from 'better-sqlite3';
import type { Db } from '@/db/connection';
import { outboxAppended } from '@/db/outbox-signal';
import { withSqliteWriteLock } from '@/db/engine';

interface Pending {
  run: (tx: Db) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Writes gathered into one transaction at most (keeps one commit's latency bounded). */
export const MAX_GROUP = 256;

const queues = new WeakMap<Database.Database, Pending[]>();

/**
 * Group commit: writes that arrive while the event loop is busy run together in one BEGIN
 * IMMEDIATE transaction, each in its own savepoint (one failing write rolls back alone and
 * rejects its own promise), and are answered only after the shared COMMIT — so a 2xx still means
 * the row is on disk (synchronous=FULL), but concurrent writers share one WAL sync instead of
 * paying one each. Each write sees the ones before it (alert windows, upserts). Open live streams
 * are woken after the commit, as for every other write.
 */
export function groupCommit<T>(db: Db, run: (tx: Db) => T): Promise<T> {
  let queue = queues.get(db.$client);
  if (!queue) queues.set(db.$client, (queue = []));
  const q = queue;
  return new Promise<T>((resolve, reject) => {
    q.push({ run, resolve: resolve as (v: unknown) => void, reject });
    if (q.length === 1) setImmediate(() => void flush(db, q));
  });
}

/**
 * Runs a batch under the connection's write lock (db/engine.ts): an async transaction of this
 * process (a PATCH, an import) may be open on the same connection, and a BEGIN IMMEDIATE issued
 * inside it would silently join it.
 */
async function flush(db: Db, queue: Pending[]): Promise<void> {
  const batch = queue.splice(0, MAX_GROUP);
  if (queue.length) setImmediate(() => void flush(db, queue));
  const outcomes: { ok: boolean; value: unknown }[] = [];
  try {
    await withSqliteWriteLock(db, () =>
      db.$client
        .transaction(() => {
          for (const item of batch) {
            try {
              outcomes.push({ ok: true, value: db.$client.transaction(() => item.run(db))() });
            } catch (error) {
              outcomes.push({ ok: false, value: error });
            }
          }
        })
        .immediate(),
    );
  } catch (error) {
    // The commit itself failed (e.g. the database stayed busy): nothing of the batch was stored.
    for (const item of batch) item.reject(error);
    return;
  }
  outboxAppended();
  batch.forEach((item, i) => (outcomes[i].ok ? item.resolve(outcomes[i].value) : item.reject(outcomes[i].value)));
}
