import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { NEW_DATABASE_PAGE_SIZE, openDatabase } from '@/db/connection';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempPath = () => {
  const dir = mkdtempSync(join(tmpdir(), 'fw-conn-'));
  dirs.push(dir);
  return join(dir, 'test.db');
};

describe('openDatabase', () => {
  it('creates new files in WAL mode with the larger page size', () => {
    const db = openDatabase(tempPath());
    db.$client.exec('CREATE TABLE t (x)');
    expect(NEW_DATABASE_PAGE_SIZE).not.toBe(4096);
    expect(db.$client.pragma('page_size', { simple: true })).toBe(NEW_DATABASE_PAGE_SIZE);
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    db.$client.close();
  });

  it('opens an existing 4 KiB WAL file as it is, data and page size unchanged', () => {
    const path = tempPath();
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    old.exec("CREATE TABLE t (x); INSERT INTO t VALUES ('kept')");
    old.close();
    const db = openDatabase(path);
    expect(db.$client.pragma('page_size', { simple: true })).toBe(4096);
    db.$client.exec("INSERT INTO t VALUES ('added')");
    expect(db.$client.prepare('SELECT x FROM t ORDER BY rowid').pluck().all()).toEqual(['kept', 'added']);
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    db.$client.close();
  });
});
