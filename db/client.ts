import 'server-only';
import { openDatabase, type Db } from './connection';
import type { Store } from './store';
import { migrateDatabase, migrateSqlite } from './migrate';
import { openStore, closeStore } from './store';
import { isPgStore } from './pg/store';
import { env } from '@/lib/env';
import { CLOSE_ORDER, onProcessClose, peekSingleton, setSingleton } from '@/lib/registry';

/**
 * The process-wide store: PostgreSQL when DATABASE_URL is set, else the SQLite file at
 * DATABASE_PATH. Server-only.
 *
 * SQLite is migrated on first use (synchronously). PostgreSQL is migrated by prepareStore(),
 * which the server awaits at start-up before it serves (instrumentation.ts).
 */
export function getStore(): Store {
  let store = peekSingleton<Store>('db');
  if (!store) {
    const { DATABASE_PATH, DATABASE_URL, DATABASE_POOL_MAX, REPORT_TIME_ZONE } = env();
    if (DATABASE_URL) {
      store = openStore(DATABASE_URL, { poolMax: DATABASE_POOL_MAX });
    } else {
      const db = openDatabase(DATABASE_PATH);
      migrateSqlite(db, { reportTimeZone: REPORT_TIME_ZONE });
      store = db;
    }
    setSingleton('db', store);
    // Closed at exit (server/reliability/shutdown.ts): SQLite's WAL is checkpointed and removed,
    // PostgreSQL's pool waits for the queries in flight.
    onProcessClose('db', CLOSE_ORDER.database, () => void closeDb());
  }
  return store;
}

/** The process store, migrated: what start-up awaits before serving (PostgreSQL migrates here). */
export async function prepareStore(): Promise<Store> {
  const store = getStore();
  if (isPgStore(store) && !peekSingleton<boolean>('dbMigrated')) {
    await migrateDatabase(store, { reportTimeZone: env().REPORT_TIME_ZONE });
    setSingleton('dbMigrated', true);
  }
  return store;
}

/**
 * The process's SQLite connection (db-internal: SQLite-only paths such as the writer thread's
 * fallback). Throws on a PostgreSQL deployment.
 */
export function getDb(): Db {
  const store = getStore();
  if (isPgStore(store)) throw new Error('getDb(): the process store is PostgreSQL');
  return store as Db;
}

/** Closes the process store (SQLite at once; PostgreSQL once its queries in flight finish) and forgets it. */
export async function closeDb(): Promise<void> {
  const store = peekSingleton<Store>('db');
  setSingleton('db', undefined);
  setSingleton('dbMigrated', undefined);
  if (store) await closeStore(store);
}
