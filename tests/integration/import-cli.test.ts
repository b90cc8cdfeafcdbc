// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { rows } from '@/db/engine';
import { useTempDb, type TempDb } from '../support/api-db';
import { acledCsv, acledRow } from '../support/api-acled';

let t: TempDb;
let dir: string;
// Through the store, and the CLI pointed at it by DATABASE_PATH or DATABASE_URL, so the file can
// join the PostgreSQL run once alert evaluation after an import runs there.
const count = async () => (await rows<{ n: number }>(t.store, sql`SELECT count(*) AS n FROM incidents`))[0].n;

function cli(script: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    env: {
      ...process.env,
      ...(t.engine === 'postgres' ? { DATABASE_URL: t.path } : { DATABASE_PATH: t.path }),
      REPORT_TIME_ZONE: 'Asia/Karachi',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const importCli = (...args: string[]) => cli('scripts/import.ts', args);

beforeAll(async () => {
  t = await useTempDb();
  dir = mkdtempSync(join(tmpdir(), 'fw-import-cli-'));
  writeFileSync(join(dir, 'good.csv'), acledCsv([acledRow({ event_id_cnty: 'C1' }), acledRow({ event_id_cnty: 'C2', fatalities: 0 })]));
  writeFileSync(join(dir, 'more.csv'), acledCsv([acledRow({ event_id_cnty: 'C6' })]));
  writeFileSync(join(dir, 'later.csv'), acledCsv([acledRow({ event_id_cnty: 'C7' })]));
  writeFileSync(join(dir, 'last.csv'), acledCsv([acledRow({ event_id_cnty: 'C8' })]));
  writeFileSync(
    join(dir, 'bad.csv'),
    acledCsv([
      acledRow({ event_id_cnty: 'C3' }),
      acledRow({ event_id_cnty: 'C4', longitude: 'east' }),
      acledRow({ event_id_cnty: 'C5', event_date: 'soon' }),
    ]),
  );
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.cleanup();
});

describe('npm run import', () => {
  it('exit 1 with one line per bad row and nothing written', async () => {
    const r = importCli(join(dir, 'bad.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('row 3, column longitude: "east" is not a number');
    expect(r.stderr).toMatch(/row 4, column event_date: /);
    expect(await count()).toBe(0);
  });
  it('dry run reports without writing, then imports, then re-import is unchanged', async () => {
    let r = importCli(join(dir, 'good.csv'), '--dry-run');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ inserted: 2, dryRun: true, errors: [] });
    expect(await count()).toBe(0);
    r = importCli(join(dir, 'good.csv'), '--format', 'acled');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    r = importCli(join(dir, 'good.csv'));
    expect(JSON.parse(r.stdout)).toMatchObject({ inserted: 0, unchanged: 2 });
    expect(await count()).toBe(2);
  });
  it('exit 2 for usage errors and paths that are not regular files', async () => {
    expect(importCli().code).toBe(2);
    expect(importCli(join(dir, 'good.csv'), '--format', 'xlsx').code).toBe(2);
    const notFile = importCli(dir);
    expect(notFile.stderr).toMatch(/not a regular file/);
    expect(notFile.code).toBe(2);
    expect(importCli(join(dir, 'missing.csv')).code).toBe(2);
    // One missing file among several: nothing is read.
    const some = importCli(join(dir, 'more.csv'), join(dir, 'missing.csv'));
    expect(some.code).toBe(2);
    expect(some.stderr).toContain(`cannot read ${join(dir, 'missing.csv')}: ENOENT`);
    expect(await count()).toBe(2);
  });
  it('imports several files in order, one batch each, and stops at the first invalid one', async () => {
    let r = importCli(join(dir, 'more.csv'), join(dir, 'good.csv'));
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toMatchObject([
      { file: join(dir, 'more.csv'), inserted: 1, unchanged: 0, errors: [] },
      { file: join(dir, 'good.csv'), inserted: 0, unchanged: 2, errors: [] },
    ]);
    expect(lines[1].batchId).toBe(lines[0].batchId + 1);
    r = importCli(join(dir, 'later.csv'), join(dir, 'bad.csv'), join(dir, 'last.csv'));
    expect(r.code).toBe(1);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toMatchObject([{ inserted: 1 }, { inserted: 0, batchId: null }]);
    expect(r.stderr).toContain('row 3, column longitude: "east" is not a number');
    expect(r.stderr).toContain('bad.csv: 2 invalid row(s); nothing was imported from this file.');
    expect(r.stderr).toContain('Not read, after the invalid file: last.csv.');
    expect(await count()).toBe(4);
  });
});

describe('npm run token:create', () => {
  it('prints a token once that authorizes as the given role', async () => {
    const r = cli('scripts/token-create.ts', ['--name', 'ci', '--role', 'viewer', '--expires-days', '7']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^fw_[A-Za-z0-9_-]{40,}$/);
    const [row] = await rows<{ role: string; expires_at: number }>(t.store, sql`SELECT role, expires_at FROM api_tokens WHERE name = 'ci'`);
    expect(row.role).toBe('viewer');
    expect(row.expires_at).toBeGreaterThan(Date.now());
    expect(cli('scripts/token-create.ts', ['--role', 'analyst']).code).toBe(2);
    expect(cli('scripts/token-create.ts', ['--name', 'x', '--role', 'root']).code).toBe(2);
  });
});
