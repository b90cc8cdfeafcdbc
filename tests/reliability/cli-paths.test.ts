import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli';
import { readDb } from './support/db-checks';
import { acledCsv } from './support/fixtures';
import { createTempDb, type TempDb } from './support/temp-db';

let tmp: TempDb;
beforeAll(async () => {
  tmp = await createTempDb(1);
});
afterAll(() => tmp.remove());

const count = () => readDb(tmp.path, (db) => db.prepare('SELECT count(*) FROM incidents').pluck().get() as number);

describe('file-taking CLIs refuse surprising paths quickly and write nothing', () => {
  it('npm run import: devices, directories, FIFOs, missing files and non-CSV files', async () => {
    const fifo = join(tmp.dir, 'fifo');
    spawnSync('mkfifo', [fifo]);
    const env = { DATABASE_PATH: tmp.path };
    const cases: [string[], number, RegExp][] = [
      [['/dev/zero'], 2, /not a regular file/],
      [[tmp.dir], 2, /not a regular file/],
      [[fifo], 2, /not a regular file/],
      [[join(tmp.dir, 'missing.csv')], 2, /cannot read/],
      [['/etc/passwd'], 1, /nothing was imported/],
      [[], 2, /at least one FILE/],
      // Several FILEs are checked before any is read: one bad path refuses them all.
      [['/etc/passwd', join(tmp.dir, 'missing.csv')], 2, /cannot read/],
    ];
    for (const [args, code, message] of cases) {
      const r = await runCli('scripts/import.ts', args, env);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(code);
      expect(r.stderr).toMatch(message);
    }
    expect(count()).toBe(0);
  });

  it('npm run import resolves a relative FILE from where npm was run (INIT_CWD), like db:backup', async () => {
    const sub = join(tmp.dir, 'work', 'here');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(tmp.dir, 'work', 'rel.csv'), acledCsv('RELCLI-', 3));
    const r = await runCli('scripts/import.ts', ['../rel.csv'], { DATABASE_PATH: tmp.path, INIT_CWD: sub });
    expect(r.code, r.stderr).toBe(0);
    expect(count()).toBe(3);
  });
});

describe('db:backup and db:restore on PostgreSQL', () => {
  it('refuse with what to use instead (pg_dump, pg_restore), before connecting', async () => {
    // Port 9 on loopback: nothing listens, so a connection attempt would fail differently.
    const env = { DATABASE_URL: 'postgres://fw:secret@127.0.0.1:9/fw' };
    for (const script of ['scripts/db-backup.ts', 'scripts/db-restore.ts']) {
      const r = await runCli(script, [join(tmp.dir, 'backup.db')], env);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/pg_dump/);
      expect(r.stderr).toMatch(/pg_restore/);
      expect(r.stderr).not.toMatch(/secret/);
    }
  });
});
