import type { Db } from '@/db/connection';
import { outboxAppended } from '@/db/outbox-signal';

/**
 * SQLite only, synchronous: for transaction bodies not converted to transact() (db/engine.ts)
 * yet, which new code uses on either engine.
 *
 * Runs `fn` inside BEGIN IMMEDIATE on the connection itself, passing the same `Db`, so services
 * typed `(tx: Db)` (writeIncidents, afterIngest) run inside it. Drizzle's own transaction hands out
 * a SQLiteTransaction, which is not a `Db`. Throwing rolls everything back. Once the outermost
 * transaction has committed, open live streams are woken (the writes may have appended to the outbox).
 */
export function inImmediateTransaction<T>(db: Db, fn: (tx: Db) => T): T {
  const result = db.$client.transaction(() => fn(db)).immediate();
  if (!db.$client.inTransaction) outboxAppended();
  return result;
}
