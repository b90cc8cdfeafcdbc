import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '@/db/connection';
import { migrateSqlite } from '@/db/migrate';
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
export async function createTempDb(tokenCount = 4): Promise<TempDb> {
  const dir = mkdtempSync(join(tmpdir(), 'fw-rel-'));
  const path = join(dir, 'fw.db');
  const open = () => openDatabase(path);
  const db = open();
  migrateSqlite(db, { reportTimeZone: TIME_ZONE });
  const tokens: string[] = [];
  for (let i = 0; i < tokenCount; i++) tokens.push((await createApiToken(db, { name: `reliability-${i}`, role: 'admin' })).token);
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
