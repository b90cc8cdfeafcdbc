// @engines sqlite postgres
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '@/db/engine';
import { openDatabase, sqlOf } from '@/db/connection';
import { BACKGROUND_CHECKPOINT_MIN_CHARS, BackgroundCheckpoint } from '@/db/services/import-checkpoint';
import { importSession, writeTransaction } from '@/db/services/import-batch';
import { validateImport } from '@/server/import/import';
import { acledCsv, TZ, variedAcled } from '../support/import-oracle';
import { openTestStore, testEngine, type TestStore } from '../support/engine';

/**
 * A large import's WAL is checkpointed by a second connection on another thread after each
 * COMMIT (db/services/import-checkpoint.ts) instead of by the writer's automatic checkpoint.
 */
let t: TestStore;
beforeEach(async () => {
  t = await openTestStore({ timeZone: TZ });
});
afterEach(() => t.close());

const opts = { format: 'acled' as const, timeZone: TZ, now: 1_000 };
const csv = acledCsv(variedAcled(300));

/** Imports `csv` in one transaction inside an importSession told the import is `chars` long. */
async function importInSession(chars: number, during: () => void = () => {}) {
  const validated = await validateImport(t.store, csv, opts);
  return importSession(t.store, chars, () =>
    writeTransaction(t.store, opts, 'c', async (sink) => {
      during();
      await sink.add(validated.rows);
      return validated;
    }),
  );
}

const stored = async () => Number((await rows<{ n: number | string }>(t.store, sql`SELECT count(*) AS n FROM incidents`))[0].n);

describe.runIf(testEngine === 'sqlite')('importSession on SQLite', () => {
  const client = () => sqlOf(t.store).$client;
  const fileBytes = () => statSync(client().name).size;
  const pageBytes = () =>
    (client().pragma('page_count', { simple: true }) as number) * (client().pragma('page_size', { simple: true }) as number);

  it('turns the writer’s automatic checkpoint off for a large import and leaves every page in the database file', async () => {
    const own = client().pragma('wal_autocheckpoint', { simple: true }) as number;
    expect(own).toBeGreaterThan(0);
    let during = -1;
    const report = await importInSession(BACKGROUND_CHECKPOINT_MIN_CHARS, () => {
      during = client().pragma('wal_autocheckpoint', { simple: true }) as number;
    });
    expect(report.inserted).toBe(300);
    expect(during).toBe(0);
    expect(client().pragma('wal_autocheckpoint', { simple: true })).toBe(own);
    // A few hundred rows are far below the automatic checkpoint's threshold: only the other
    // thread's checkpoint can have copied them from the WAL into the database file.
    expect(fileBytes()).toBe(pageBytes());
    // Another connection reads them from the file alone once the WAL is gone.
    const other = openDatabase(client().name);
    try {
      expect(other.$client.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(300);
    } finally {
      other.$client.close();
    }
  });

  it('keeps the automatic checkpoint for a small import', async () => {
    const own = client().pragma('wal_autocheckpoint', { simple: true }) as number;
    let during = -1;
    await importInSession(BACKGROUND_CHECKPOINT_MIN_CHARS - 1, () => {
      during = client().pragma('wal_autocheckpoint', { simple: true }) as number;
    });
    expect(during).toBe(own);
    expect(await stored()).toBe(300);
    // Still in the WAL: nothing checkpointed this small commit.
    expect(fileBytes()).toBeLessThan(pageBytes());
  });

  it('puts the setting back and rethrows when the import fails, with nothing written', async () => {
    const own = client().pragma('wal_autocheckpoint', { simple: true }) as number;
    await expect(
      importSession(t.store, BACKGROUND_CHECKPOINT_MIN_CHARS, () =>
        writeTransaction(t.store, opts, 'c', () => Promise.reject(new Error('feed broke'))),
      ),
    ).rejects.toThrow('feed broke');
    expect(client().pragma('wal_autocheckpoint', { simple: true })).toBe(own);
    expect(await stored()).toBe(0);
  });

  it('checkpoints after every commit of a session, one after another', async () => {
    const checkpoint = await BackgroundCheckpoint.start(client());
    expect(checkpoint).not.toBeNull();
    client().exec('CREATE TABLE t (x)');
    for (let i = 0; i < 3; i++) {
      client().exec(`INSERT INTO t VALUES (${i})`);
      checkpoint!.afterCommit();
    }
    await checkpoint!.close();
    // The first ran at once; the two commits that came while it ran are covered by one more.
    expect(checkpoint!.completed).toBe(2);
    expect(fileBytes()).toBe(pageBytes());
  });

  it('leaves the automatic checkpoint on when the thread cannot start (no better-sqlite3 where it looks)', async () => {
    const own = client().pragma('wal_autocheckpoint', { simple: true }) as number;
    const cwd = process.cwd();
    process.chdir(tmpdir());
    try {
      expect(await BackgroundCheckpoint.start(client())).toBeNull();
    } finally {
      process.chdir(cwd);
    }
    expect(client().pragma('wal_autocheckpoint', { simple: true })).toBe(own);
  });

  it('does not start for an in-memory database or inside a transaction', async () => {
    const memory = openDatabase(':memory:');
    try {
      expect(await BackgroundCheckpoint.start(memory.$client)).toBeNull();
    } finally {
      memory.$client.close();
    }
    client().exec('BEGIN');
    try {
      expect(await BackgroundCheckpoint.start(client())).toBeNull();
    } finally {
      client().exec('ROLLBACK');
    }
  });
});

describe.runIf(testEngine === 'postgres')('importSession on PostgreSQL', () => {
  it('runs a large import as before (PostgreSQL checkpoints on its own)', async () => {
    const report = await importInSession(BACKGROUND_CHECKPOINT_MIN_CHARS);
    expect(report.inserted).toBe(300);
    expect(await stored()).toBe(300);
  });
});
