import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, readSync, renameSync, rmSync } from 'node:fs';

/**
 * Backup, restore and consistency checks of a SQLite file (`npm run db:backup` / `db:restore`).
 * SQLite-only by nature: a PostgreSQL installation is backed up with PostgreSQL's own tools, which
 * POSTGRES_BACKUP_ADVICE names (docs/scale-out.md, "Backups").
 */

/** What db:backup and db:restore answer when DATABASE_URL selects PostgreSQL. */
export const POSTGRES_BACKUP_ADVICE = [
  'DATABASE_URL selects PostgreSQL: db:backup and db:restore copy a SQLite file only.',
  'Back PostgreSQL up with its own tools: `pg_dump --format=custom --file=FILE "$DATABASE_URL"`,',
  'restore with `pg_restore --clean --if-exists --dbname="$DATABASE_URL" FILE`',
  '(or base backups with pg_basebackup and WAL archiving; see docs/scale-out.md, "Backups").',
].join('\n');

/** What a consistency check of one SQLite file found. */
export interface DatabaseReport {
  /** `PRAGMA integrity_check` lines; `['ok']` when healthy. */
  integrity: string[];
  /** Rows reported by `PRAGMA foreign_key_check`. */
  foreignKeyProblems: number;
  /** Row count of every ordinary table (virtual FTS tables are counted through their shadow tables). */
  counts: Record<string, number>;
}

export const isHealthy = (r: DatabaseReport) => r.integrity.length === 1 && r.integrity[0] === 'ok' && r.foreignKeyProblems === 0;

/** Tables every Frontier Watch database has; a file without them is not one of ours. */
const REQUIRED_TABLES = ['incidents', 'events', 'groups'];

export function inspectDatabase(sqlite: Database.Database): DatabaseReport {
  const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const foreignKeyProblems = (sqlite.pragma('foreign_key_check') as unknown[]).length;
  const tables = sqlite
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  const counts: Record<string, number> = {};
  for (const t of tables)
    counts[t] = sqlite
      .prepare(`SELECT count(*) FROM "${t.replaceAll('"', '""')}"`)
      .pluck()
      .get() as number;
  return { integrity, foreignKeyProblems, counts };
}

/** Differences between two count maps, as readable lines (empty when equal). */
export function diffCounts(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...names]
    .sort()
    .flatMap((n) => (expected[n] === actual[n] ? [] : [`${n}: expected ${expected[n] ?? 'no table'}, found ${actual[n] ?? 'no table'}`]));
}

function isSqliteFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === 'SQLite format 3\0';
  } finally {
    closeSync(fd);
  }
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Checks a file is a healthy Frontier Watch database without changing it. */
export function verifyDatabaseFile(path: string): DatabaseReport {
  if (!isSqliteFile(path)) throw new Error(`${path} is not a SQLite database`);
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const report = inspectDatabase(sqlite);
    const missing = REQUIRED_TABLES.filter((t) => !(t in report.counts));
    if (missing.length) throw new Error(`${path} is not a Frontier Watch database (missing tables: ${missing.join(', ')})`);
    return report;
  } finally {
    sqlite.close();
  }
}

/**
 * Online backup with SQLite's backup API. After the first step it copies every remaining page
 * in one step, i.e. inside one read transaction: under WAL that is a consistent snapshot at a
 * transaction boundary and never blocks writers (a many-step copy would restart on every
 * write from another process and might never finish under load).
 */
async function copyPages(source: Database.Database, dest: string): Promise<void> {
  await source.backup(dest, { progress: () => 0x7fffffff });
}

/** Backs `sourcePath` up to `destPath` (written to a temp file, verified, then renamed into place). */
export async function backupDatabase(sourcePath: string, destPath: string): Promise<DatabaseReport> {
  if (!isSqliteFile(sourcePath)) throw new Error(`${sourcePath} is not a SQLite database`);
  const tmp = `${destPath}.partial-${process.pid}`;
  const source = new Database(sourcePath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 10000');
    await copyPages(source, tmp);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    source.close();
  }
  try {
    const copy = new Database(tmp);
    copy.pragma('journal_mode = DELETE'); // a backup is one self-contained file
    copy.close();
    const report = verifyDatabaseFile(tmp);
    if (!isHealthy(report))
      throw new Error(
        `the backup failed its check: ${report.integrity.slice(0, 5).join('; ')}; ${report.foreignKeyProblems} foreign key problems`,
      );
    fsyncFile(tmp);
    renameSync(tmp, destPath);
    return report;
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Writes the backup's pages into `targetPath` through SQLite (never a raw file copy, which
 * would leave a stale -wal to be replayed over it), then checks the result against the backup.
 */
export async function restoreDatabase(
  backupPath: string,
  targetPath: string,
): Promise<{ backup: DatabaseReport; restored: DatabaseReport }> {
  const backup = verifyDatabaseFile(backupPath);
  if (!isHealthy(backup))
    throw new Error(`the backup is damaged: ${backup.integrity.slice(0, 5).join('; ')}; ${backup.foreignKeyProblems} foreign key problems`);
  const source = new Database(backupPath, { readonly: true, fileMustExist: true });
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await copyPages(source, targetPath);
        break;
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        if (attempt >= 50 || !/BUSY|LOCKED/.test(code)) throw err;
        await sleep(100);
      }
    }
  } finally {
    source.close();
  }
  const target = new Database(targetPath);
  try {
    target.pragma('journal_mode = WAL');
    const restored = inspectDatabase(target);
    return { backup, restored };
  } finally {
    target.close();
  }
}
