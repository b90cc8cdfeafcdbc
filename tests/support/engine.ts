import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeStore, openStore, type Store } from '@/db/store';
import { migrateDatabase } from '@/db/migrate';
import { freshPgDatabase, pgSkipReason } from './pg-fresh';

/**
 * The one test factory that picks the engine (issue 19): `TEST_ENGINE=postgres` (set by the
 * `postgres` Vitest project, vitest.config.ts) runs a test file on a fresh PostgreSQL database of
 * the TEST_DATABASE_URL server; otherwise on a fresh SQLite file. The test files are the same.
 * A file joins the PostgreSQL run by using this factory (or useTempDb's `store`), see vitest.config.ts.
 */
export type TestEngine = 'sqlite' | 'postgres';

export const testEngine: TestEngine = process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export interface TestStore {
  store: Store;
  engine: TestEngine;
  /** What openStore() opens again: the SQLite file or the PostgreSQL URL (with its password). */
  target: string;
  close(): Promise<void>;
}

/** A fresh, migrated store of the engine under test. */
export async function openTestStore(opts: { timeZone?: string } = {}): Promise<TestStore> {
  const reportTimeZone = opts.timeZone ?? 'Asia/Karachi';
  if (testEngine === 'postgres') {
    if (pgSkipReason) throw new Error(`TEST_ENGINE=postgres needs ${pgSkipReason}`);
    const pg = await freshPgDatabase({ migrate: false });
    await pg.pool.end();
    const store = openStore(pg.url, { poolMax: 4, applicationName: 'frontier-watch-test' });
    await migrateDatabase(store, { reportTimeZone });
    return {
      store,
      engine: 'postgres',
      target: pg.url,
      async close() {
        await closeStore(store);
        await pg.drop();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'fw-store-'));
  const path = join(dir, 'test.db');
  const store = openStore(path);
  await migrateDatabase(store, { reportTimeZone });
  return {
    store,
    engine: 'sqlite',
    target: path,
    async close() {
      await closeStore(store);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
