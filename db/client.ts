import 'server-only';
import { openDatabase, type Db } from './connection';
import { migrateDatabase } from './migrate';
import { env } from '@/lib/env';

const globalForDb = globalThis as unknown as { frontierWatchDb?: Db };

/** The process-wide connection, migrated on first use. Server-only. */
export function getDb(): Db {
  if (!globalForDb.frontierWatchDb) {
    const { DATABASE_PATH, REPORT_TIME_ZONE } = env();
    const db = openDatabase(DATABASE_PATH);
    migrateDatabase(db, { reportTimeZone: REPORT_TIME_ZONE });
    globalForDb.frontierWatchDb = db;
  }
  return globalForDb.frontierWatchDb;
}

export function closeDb(): void {
  globalForDb.frontierWatchDb?.$client.close();
  globalForDb.frontierWatchDb = undefined;
}
