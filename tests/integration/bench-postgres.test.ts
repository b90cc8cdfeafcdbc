// @engines sqlite postgres
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDataset } from '@/bench/data/dataset';
import { parseBenchArgs } from '@/bench/lib/args';
import { dropDatabase, ensureTemplate, pgFreshImport, workingDatabase } from '@/bench/pg/database';
import { rows } from '@/db/engine';
import { verifyApiToken } from '@/db/services/tokens';
import { closeStore, openStore } from '@/db/store';
import { testEngine } from '../support/engine';

const dir = mkdtempSync(join(tmpdir(), 'fw-bench-pg-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench arguments', () => {
  it('keeps SQLite the default engine and takes the PostgreSQL server from --pg-url', () => {
    expect(parseBenchArgs(['--runs', '3'])).toMatchObject({ engine: 'sqlite', pgUrl: undefined });
    const url = 'postgres://u:p@127.0.0.1:5432/x';
    expect(parseBenchArgs(['--runs', '3', '--engine', 'postgres', '--pg-url', url])).toMatchObject({ engine: 'postgres', pgUrl: url });
  });
});

describe.skipIf(testEngine !== 'postgres')('bench on PostgreSQL', () => {
  const server = process.env.TEST_DATABASE_URL!;
  // A port no bench uses: it names the working and scratch databases.
  const port = 40_000 + (process.pid % 20_000);
  const seed = 900 + (process.pid % 1000);

  it('loads the SQLite data set into a cached template, copies it per run and imports into a fresh database', async () => {
    const ds = await prepareDataset(dir, 1500, seed, () => {});
    const template = await ensureTemplate(server, ds, () => {});
    try {
      expect(template.copyMs).not.toBeNull();
      expect((await ensureTemplate(server, ds, () => {})).copyMs).toBeNull(); // cached on the server
      const { url, token } = await workingDatabase(server, template.name, port);
      const store = openStore(url, { poolMax: 1 });
      try {
        const [{ n }] = await rows<{ n: number }>(store, sql`SELECT count(*) AS n FROM incidents`);
        expect(Number(n)).toBe(1500);
        expect(await verifyApiToken(store, token)).toMatchObject({ role: 'admin' });
      } finally {
        await closeStore(store);
        await dropDatabase(server, `fwbench_work_p${port}`);
      }
      expect((await pgFreshImport(server, ds, dir, port)).inserted).toBe(1500);
    } finally {
      await dropDatabase(server, template.name);
    }
  }, 120_000);
});
