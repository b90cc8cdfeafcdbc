import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeStore, openStore, type Store } from '@/db/store';
import { migrateDatabase } from '@/db/migrate';

/** A fresh, migrated SQLite store in its own temporary folder (a reference to compare an engine with). */
export async function openSqliteReference(reportTimeZone: string): Promise<{ store: Store; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'fw-import-ref-'));
  const store = openStore(join(dir, 'ref.db'));
  await migrateDatabase(store, { reportTimeZone });
  return {
    store,
    async close() {
      await closeStore(store);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes each CSV as part-<n>.csv in a new temporary folder, runs `fn` on their paths, then removes the folder. */
export async function withCsvFiles<T>(csvs: readonly string[], fn: (paths: string[]) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'fw-import-files-'));
  try {
    const paths = csvs.map((csv, i) => {
      const path = join(dir, `part-${i + 1}.csv`);
      writeFileSync(path, csv);
      return path;
    });
    return await fn(paths);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
