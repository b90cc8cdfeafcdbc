import type { RunResult } from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from '@/db/schema';

/** A connection or a transaction on it: alert services run inside callers' transactions. */
export type SqlDb = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;
