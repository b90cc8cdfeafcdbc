import 'server-only';
import { openDatabase, type Db } from './connection';
import type { Store } from './store';
import { migrateDatabase } from './migrate';
import { env } from '@/lib/env';
import { CLOSE_ORDER, onProcessClose, peekSingleton, setSingleton } from '@/lib/registry';

/** The process-wide connection, migrated on first use. Server-only. */
export function getDb(): Db {
  let db = peekSingleton<Db>('db');
  if (!db) {
    const { DATABASE_PATH, REPORT_TIME_ZONE } = env();
    db = openDatabase(DATABASE_PATH);
    migrateDatabase(db, { reportTimeZone: REPORT_TIME_ZONE });
    setSingleton('db', db);
    // Closed at exit (server/reliability/shutdown.ts), so its WAL is checkpointed and removed.
    onProcessClose('db', CLOSE_ORDER.database, closeDb);
  }
  return db;
}

/** The process-wide store (getDb as seen above db/): what server/, app/ and instrumentation.ts hold. */
export const getStore: () => Store = getDb;

export function closeDb(): void {
  const db = peekSingleton<Db>('db');
  if (db?.$client.open) db.$client.close();
  setSingleton('db', undefined);
}
