import type { Db } from '@/db/connection';

/**
 * Runs `fn` inside BEGIN IMMEDIATE on the connection itself, passing the same `Db`, so services
 * typed `(tx: Db)` (writeIncidents, afterIngest) run inside it. Drizzle's own transaction hands out
 * a SQLiteTransaction, which is not a `Db`. Throwing rolls everything back.
 */
export function inImmediateTransaction<T>(db: Db, fn: (tx: Db) => T): T {
  return db.$client.transaction(() => fn(db)).immediate();
}
