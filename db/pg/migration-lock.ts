import type { Store } from '../connection';
import { dedicatedClient } from './dedicated';

/**
 * Runs `fn` (applying migrations) while holding a session advisory lock on a connection of its
 * own, so instances starting together migrate one after another: the first applies the files,
 * the next find them recorded and apply nothing. Without it, two migrators both read "nothing
 * applied" and the second fails on the first's CREATE TABLE. Ending the session frees the lock,
 * also when the process dies half-way (the migration's own transaction rolls back).
 */
export async function withMigrationLock<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  const client = dedicatedClient(store, 'frontier-watch-migrate');
  client.on('error', () => undefined); // reported by the query that fails
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('frontier-watch/migrate'))`);
    return await fn();
  } finally {
    await client.end().catch(() => undefined);
  }
}
