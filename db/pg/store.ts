import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { redactPostgresUrl } from '@/lib/postgres-url';
import { processSingleton } from '@/lib/registry';
import type { Store } from '../connection';
import { closePostgres, openPostgres, pgErrorCode, type PgDb } from './connection';

/**
 * PostgreSQL behind the Store brand (db/store.ts). A PostgreSQL store is the Drizzle database over
 * a pool, a transaction handle is Drizzle's transaction object; both are recorded here so that
 * db/engine.ts can tell the engines apart without reading anything off the handle.
 */
// Per process, not per module instance: Next.js bundles this module once per route and once for
// instrumentation.ts, and the process store (db/client.ts) opened in one is used by all of them.
const pgHandles = processSingleton('pgStoreHandles', () => new WeakSet<object>());
const pgTransactions = processSingleton('pgTransactionHandles', () => new WeakSet<object>());
const urls = processSingleton('pgStoreUrls', () => new WeakMap<object, string>());

/** The isolation levels a write transaction may ask for (PostgreSQL's names). */
export type Isolation = 'read committed' | 'repeatable read' | 'serializable';

/** True for a PostgreSQL store or transaction handle. */
export const isPgStore = (store: Store): boolean => pgHandles.has(store);

/** True for a handle given to a transaction's callback (nested transactions run inline in it). */
export const isPgTransaction = (store: Store): boolean => pgTransactions.has(store);

/** Opens a pool on `url` (no connection until the first query) as a Store. */
export function openPgStore(url: string, opts: { poolMax: number; applicationName?: string }): Store {
  const db = openPostgres({ url, poolMax: opts.poolMax, applicationName: opts.applicationName });
  pgHandles.add(db);
  urls.set(db, redactPostgresUrl(url));
  return db as unknown as Store;
}

/** The pool's Drizzle database (db-internal: COPY, LISTEN and advisory locks need the pool). */
export function pgOf(store: Store): PgDb {
  if (!pgHandles.has(store) || pgTransactions.has(store)) throw new Error('not a PostgreSQL store');
  return store as unknown as PgDb;
}

/** The store's URL without its password: what storeFile() answers for PostgreSQL. */
export const pgStoreUrl = (store: Store): string => urls.get(store) ?? 'postgres (transaction)';

export async function closePgStore(store: Store): Promise<void> {
  await closePostgres(pgOf(store));
}

/**
 * SQLSTATEs after which the whole transaction may simply run again: a serialization failure
 * (REPEATABLE READ / SERIALIZABLE) and a deadlock, both of which PostgreSQL resolves by aborting
 * one side, which then sees nothing it wrote.
 */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 8;

/**
 * Runs `fn` in one transaction and commits; any throw rolls back. Retried from the start on a
 * serialization failure or deadlock (up to 8 attempts, with a short random pause), so `fn` must
 * do nothing outside the database that cannot be repeated. Inside a transaction it runs inline.
 */
export async function pgTransaction<T>(store: Store, fn: (tx: Store) => Promise<T>, isolation: Isolation): Promise<T> {
  if (pgTransactions.has(store)) return fn(store);
  const db = store as unknown as NodePgDatabase;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(
        (tx) => {
          pgHandles.add(tx);
          pgTransactions.add(tx);
          // A transaction handle names its database too (storeFile, caches keyed by database).
          urls.set(tx, pgStoreUrl(store));
          return fn(tx as unknown as Store);
        },
        { isolationLevel: isolation },
      );
    } catch (err) {
      const code = pgErrorCode(err);
      if (!code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}
