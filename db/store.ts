/**
 * The store boundary: what code above db/ (server/, app/, scripts/, instrumentation.ts) holds and
 * calls. A `Store` is an opaque handle: callers open, pass and close it, and hand it to the
 * query and service functions of db/, whose signatures take a `Store` rather than a Drizzle or
 * driver connection. So no engine type, `$client` or transaction callback crosses upward, and
 * the same functions run on SQLite or PostgreSQL (db/engine.ts); see "Store boundary" in
 * docs/architecture.md.
 *
 * Inside db/ a SQLite `Db` (db/connection.ts) *is* a Store at the type level, and `sqlOf` turns a
 * Store back into its connection: both are casts, so the boundary costs nothing per call.
 */
import { isPostgresUrl } from '@/lib/postgres-url';
import { openDatabase, sqlOf, type Store } from './connection';
import { closePgStore, isPgStore, openPgStore, pgStoreUrl } from './pg/store';

/** An open store. Opaque above db/: nothing to read off it, only db/ functions to pass it to. */
export type { Store };
export { engineOf, type Engine } from './engine';

export interface OpenStoreOptions {
  /** PostgreSQL: connections this store opens at most (DATABASE_POOL_MAX). */
  poolMax?: number;
  /** PostgreSQL: shown in pg_stat_activity (the server, the CLI, a worker). */
  applicationName?: string;
}

/**
 * Opens the store at `target`: a `postgres://` (or `postgresql://`) URL opens a PostgreSQL pool
 * (no connection until the first query), anything else is a SQLite file (created if missing)
 * opened with the settings every writer relies on. Not migrated: see migrateDatabase.
 */
export function openStore(target: string, opts: OpenStoreOptions = {}): Store {
  if (isPostgresUrl(target)) return openPgStore(target, { poolMax: opts.poolMax ?? 10, applicationName: opts.applicationName });
  return openDatabase(target);
}

/** Closes the store (PostgreSQL: once the queries in flight finish); closing a closed one does nothing. */
export async function closeStore(store: Store): Promise<void> {
  if (isPgStore(store)) return closePgStore(store);
  const { $client } = sqlOf(store);
  if ($client.open) $client.close();
  return Promise.resolve();
}

/**
 * The store's identity, as given to openStore: the SQLite file (`:memory:` for an in-memory one)
 * or the PostgreSQL URL without its password. Stable, for caches keyed by store and for telling
 * whether two handles share a database.
 */
export function storeFile(store: Store): string {
  return isPgStore(store) ? pgStoreUrl(store) : sqlOf(store).$client.name;
}
