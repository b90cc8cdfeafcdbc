/**
 * Restores a backup into the configured database (DATABASE_PATH):
 * `npm run db:restore -- FILE [--force]`. Refuses while another process (a running server)
 * has the database open unless --force; keeps a safety copy of what it replaces; verifies
 * integrity and that every table's row count equals the backup's.
 */
import './lib/cli-log';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { cliEnv, fail } from './lib/cli';
import { backupDatabase, diffCounts, isHealthy, POSTGRES_BACKUP_ADVICE, restoreDatabase, verifyDatabaseFile } from '@/db/maintenance';
import {
  FileArgError,
  parseFileArgs,
  requireRegularFile,
  requireWritableTarget,
  resolveUserPath,
  sameDatabase,
} from '@/server/reliability/file-arg';
import { processesUsing } from '@/server/reliability/open-files';

const USAGE = 'usage: npm run db:restore -- FILE [--force]   (--force restores even while a server has the database open)';

/** A file that is not a Frontier Watch database is a bad argument (exit 2), not a failed restore. */
function checkedBackup(path: string) {
  try {
    return verifyDatabaseFile(path);
  } catch (err) {
    throw new FileArgError(err instanceof Error ? err.message : String(err));
  }
}

async function main(): Promise<void> {
  const { file, flags } = parseFileArgs(process.argv.slice(2), ['--force', '--help'], USAGE);
  const force = flags.has('--force');
  const env = cliEnv();
  if (env.DATABASE_URL) throw new FileArgError(POSTGRES_BACKUP_ADVICE);
  const backupPath = resolveUserPath(file);
  requireRegularFile(backupPath, 'the backup file');
  const target = resolve(env.DATABASE_PATH);
  if (sameDatabase(backupPath, target)) throw new FileArgError(`${backupPath} is the live database itself, not a backup`);
  const checked = checkedBackup(backupPath);
  if (!isHealthy(checked)) throw new Error(`the backup ${backupPath} is damaged: ${checked.integrity.slice(0, 5).join('; ')}`);
  mkdirSync(dirname(target), { recursive: true });
  const exists = requireWritableTarget(target, 'the database (DATABASE_PATH)', true).exists;
  if (exists) {
    const users = processesUsing(target);
    if (users === null && !force)
      throw new FileArgError(`cannot tell whether a server uses ${target} (no /proc); stop it and pass --force`);
    if (users?.length) {
      const list = users.map((u) => `  pid ${u.pid}: ${u.command}`).join('\n');
      if (!force)
        throw new FileArgError(`${target} is in use by:\n${list}\nstop the server first, or pass --force (then restart the server)`);
      console.warn(`warning: restoring under running processes (--force); restart them afterwards:\n${list}`);
    }
    const safety = `${target}.pre-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await backupDatabase(target, safety);
    console.log(`Saved the current database to ${safety}`);
  }
  const { backup, restored } = await restoreDatabase(backupPath, target);
  const diff = diffCounts(backup.counts, restored.counts);
  if (!isHealthy(restored) || diff.length) {
    fail(
      `the restored database does not match the backup:\n  ${[...restored.integrity.filter((l) => l !== 'ok'), ...diff].join('\n  ')}`,
      1,
    );
  }
  console.log(`Restored ${backupPath}\n      into ${target}`);
  console.log(
    `integrity_check: ok; foreign keys: ok; row counts match the backup in ${Object.keys(backup.counts).length} tables (incidents: ${backup.counts.incidents})`,
  );
}

if (process.argv.includes('--help')) {
  console.log(USAGE);
} else {
  main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err), err instanceof FileArgError ? 2 : 1));
}
