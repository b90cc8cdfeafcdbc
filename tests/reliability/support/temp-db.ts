import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '@/db/connection';
import { migrateDatabase } from '@/db/migrate';
import { createApiToken } from '@/db/services/tokens';
import { inspectDatabase, type DatabaseReport } from '@/db/maintenance';

export const TIME_ZONE = 'Asia/Karachi';

export interface TempDb {
  dir: string;
  path: string;
  /** Admin bearer tokens (several, so per-principal write limits do not throttle load). */
  tokens: string[];
  open(): Db;
  remove(): void;
}

/** A fresh migrated database file in its own temp folder, with admin API tokens. */
export function createTempDb(tokenCount = 4): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'fw-rel-'));
  const path = join(dir, 'fw.db');
  const open = () => openDatabase(path);
  const db = open();
  migrateDatabase(db, { reportTimeZone: TIME_ZONE });
  const tokens = Array.from({ length: tokenCount }, (_, i) => createApiToken(db, { name: `reliability-${i}`, role: 'admin' }).token);
  db.$client.close();
  return { dir, path, tokens, open, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** integrity_check, foreign_key_check and row counts of a database file (opened the way the app opens it). */
export function checkDatabase(path: string): DatabaseReport {
  const db = openDatabase(path);
  try {
    return inspectDatabase(db.$client);
  } finally {
    db.$client.close();
  }
}
