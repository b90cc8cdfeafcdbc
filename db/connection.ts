import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as schema from './schema';
import { localDay } from '@/lib/time/zone';

declare const storeBrand: unique symbol;

/** An open store, opaque above db/ (re-exported and documented by db/store.ts). Declared here so the two modules do not import each other. */
export type Store = { readonly [storeBrand]: true };

/**
 * The connection, db-internal. It carries the Store brand at the type level (set by the cast in
 * openDatabase), so a Db is passed wherever a Store is expected; code above db/ only ever sees it
 * as a Store (db/store.ts).
 */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database } & Store;

/** The connection behind a Store. db-internal: code above db/ must not import this module. */
export const sqlOf = (store: Store): Db => store as Db;

/**
 * Page size of a database this creates (an existing file keeps its own; only a VACUUM outside WAL
 * mode changes it). 16 KiB rather than SQLite's 4 KiB: a large import is a little faster
 * (fewer B-tree splits and WAL frames for the same rows); see docs/benchmarks.md.
 */
export const NEW_DATABASE_PAGE_SIZE = 16384;

/**
 * Opens a SQLite file with the settings every writer relies on: WAL for concurrent readers,
 * a busy timeout instead of SQLITE_BUSY errors, foreign keys, and synchronous=FULL so a 2xx
 * means the row survives a power cut.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // Takes effect only while the file is still empty, so before WAL mode writes its first page.
  sqlite.pragma(`page_size = ${NEW_DATABASE_PAGE_SIZE}`);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  sqlite.function('local_day', { deterministic: true }, (ms: unknown, tz: unknown) => localDay(Number(ms), String(tz)));
  // The cast adds the Store brand (type-level only): this connection is what a Store stands for.
  return drizzle(sqlite, { schema }) as Db;
}
