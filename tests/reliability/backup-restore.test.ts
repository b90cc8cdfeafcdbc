import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli';
import { LONG } from './support/config';
import { checkDatabase, createTempDb, type TempDb } from './support/temp-db';
import { report } from './support/report';
import { pool } from './support/http';

const BACKUPS = LONG ? 12 : 4;
let tmp: TempDb;

beforeAll(async () => {
  tmp = await createTempDb(1);
});
afterAll(() => tmp.remove());

const backup = (file: string, env = { DATABASE_PATH: tmp.path }, extra: string[] = []) =>
  runCli('scripts/db-backup.ts', [file, ...extra], env);
const restore = (file: string, target: string, extra: string[] = []) =>
  runCli('scripts/db-restore.ts', [file, ...extra], { DATABASE_PATH: target });

describe('backup while writes continue, then restore', () => {
  it('every backup is a consistent snapshot and restores with identical row counts', async () => {
    const writer = spawn(process.execPath, ['--import', 'tsx', 'tests/reliability/support/writer.ts', tmp.path, 'B'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let committed = 0;
    writer.stdout.on('data', (b: Buffer) => {
      const m = /committed (\d+)\n$/.exec(b.toString());
      if (m) committed = Number(m[1]);
    });
    try {
      while (committed < 50) await new Promise((r) => setTimeout(r, 50));
      let previous = -1;
      for (let i = 0; i < BACKUPS; i++) {
        const file = join(tmp.dir, `backup-${i}.db`);
        const r = await backup(file);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const snap = checkDatabase(file);
        expect(snap.integrity).toEqual(['ok']);
        expect(snap.foreignKeyProblems).toBe(0);
        // Each incident and its outbox row commit together: a torn snapshot would break this.
        expect(snap.counts.events).toBe(snap.counts.incidents);
        expect(snap.counts.incidents % 5).toBe(0);
        expect(snap.counts.incidents).toBeGreaterThan(previous);
        previous = snap.counts.incidents;
      }
      const before = committed;
      await new Promise((r) => setTimeout(r, 200));
      expect(committed).toBeGreaterThan(before); // the writer was never blocked by the backups

      // Restore refuses a database another process has open, and works with --force.
      const busy = await restore(join(tmp.dir, 'backup-0.db'), tmp.path);
      expect(busy.code).toBe(2);
      expect(busy.stderr).toMatch(/in use by/);
      expect(busy.stderr).toMatch(/--force/);
    } finally {
      writer.kill('SIGTERM');
      await new Promise((r) => writer.once('exit', r));
    }
    const last = join(tmp.dir, `backup-${BACKUPS - 1}.db`);
    const target = join(tmp.dir, 'restored', 'fw.db');
    const r = await restore(last, target);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const expected = checkDatabase(last);
    const restored = checkDatabase(target);
    expect(restored.integrity).toEqual(['ok']);
    expect(restored.counts).toEqual(expected.counts);
    // Restoring over an existing (idle) database keeps a safety copy and replaces the content.
    const over = await restore(join(tmp.dir, 'backup-0.db'), target);
    expect(over.code).toBe(0);
    expect(over.stdout).toMatch(/Saved the current database to .*pre-restore-/);
    expect(checkDatabase(target).counts).toEqual(checkDatabase(join(tmp.dir, 'backup-0.db')).counts);
    report('backup', {
      backups: BACKUPS,
      writesDuringBackups: committed,
      rowsInLastBackup: expected.counts.incidents,
      restores: 2,
      failures: 0,
    });
  });
});

describe('backup and restore refuse surprising paths', () => {
  it('rejects directories, FIFOs, missing files, non-databases, the live file and unknown options', async () => {
    const dir = join(tmp.dir, 'paths');
    mkdirSync(dir);
    writeFileSync(join(dir, 'text.db'), 'not a database');
    spawnSync('mkfifo', [join(dir, 'fifo')]);
    symlinkSync(tmp.path, join(dir, 'link-to-live.db'));
    const cases: [() => Promise<{ code: number | null; stderr: string }>, RegExp][] = [
      [() => backup(dir), /is a directory/],
      [() => backup(join(dir, 'fifo')), /not a regular file/],
      [() => backup(join(dir, 'missing', 'x.db')), /directory .* does not exist/],
      [() => backup(join(dir, 'text.db')), /already exists; pass --force/],
      [() => backup(join(dir, 'link-to-live.db'), undefined, ['--force']), /is the live database itself/],
      [() => backup(`${tmp.path}-wal`), /is the live database itself/],
      [() => backup('x.db', { DATABASE_PATH: join(dir, 'nope.db') }), /database \(DATABASE_PATH\) .* does not exist/],
      [() => backup('a.db', undefined, ['--overwrite']), /unknown option --overwrite/],
      [() => runCli('scripts/db-backup.ts', [], { DATABASE_PATH: tmp.path }), /expected exactly one file/],
      [() => restore(join(dir, 'text.db'), join(dir, 't.db')), /is not a SQLite database/],
      [() => restore(join(dir, 'fifo'), join(dir, 't.db')), /not a regular file/],
      [() => restore(dir, join(dir, 't.db')), /is a directory/],
      [() => restore(join(dir, 'nothing.db'), join(dir, 't.db')), /does not exist/],
      [() => restore(tmp.path, tmp.path), /is the live database itself/],
      [() => restore(join(dir, 'link-to-live.db'), tmp.path), /is the live database itself/],
    ];
    const results = await pool(cases, 3, ([run]) => run());
    results.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(cases[i][1]);
    });
  });

  it('resolves relative paths from where npm was run (INIT_CWD), so ../ means what the user sees', async () => {
    const sub = join(tmp.dir, 'a', 'b');
    mkdirSync(sub, { recursive: true });
    const r = await runCli('scripts/db-backup.ts', ['../rel.db'], { DATABASE_PATH: tmp.path, INIT_CWD: sub });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(resolve(sub, '../rel.db'));
    expect(checkDatabase(join(tmp.dir, 'a', 'rel.db')).integrity).toEqual(['ok']);
  });
});
