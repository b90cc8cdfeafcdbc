/**
 * The store boundary: what code above db/ (server/, app/, scripts/, instrumentation.ts) holds and
 * calls. A `Store` is an opaque handle: callers open, pass and close it, and hand it to the
 * query and service functions of db/, whose signatures take a `Store` rather than a Drizzle or
 * better-sqlite3 connection. So no engine type, `$client` or transaction callback crosses
 * upward, and a second engine (PostgreSQL) can be added behind the same names; see "Store
 * boundary" in docs/architecture.md.
 *
 * Inside db/ a `Db` (db/connection.ts) *is* a Store at the type level, and `sqlOf` turns a Store
 * back into its connection: both are casts, so the boundary costs nothing per call.
 */
import { openDatabase, sqlOf, type Store } from './connection';

/** An open store. Opaque above db/: nothing to read off it, only db/ functions to pass it to. */
export type { Store };

/** Opens the store at `path` (created if missing) with the settings every writer relies on. Not migrated: see migrateDatabase. */
export function openStore(path: string): Store {
  return openDatabase(path);
}

/** Closes the store; closing a closed one does nothing. */
export function closeStore(store: Store): void {
  const { $client } = sqlOf(store);
  if ($client.open) $client.close();
}

/**
 * The file the store was opened on, as given to openStore (`:memory:` for an in-memory one): a
 * stable identity for caches keyed by store and for telling whether two handles share a file.
 */
export function storeFile(store: Store): string {
  return sqlOf(store).$client.name;
}
