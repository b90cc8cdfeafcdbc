/**
 * Online backup of the configured database (DATABASE_PATH) to FILE while the server keeps
 * writing: `npm run db:backup -- FILE [--force]`. The copy is verified before it appears at FILE.
 */
import './lib/cli-log';
import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import { cliEnv, fail } from './lib/cli';
import { backupDatabase, POSTGRES_BACKUP_ADVICE } from '@/db/maintenance';
import {
  FileArgError,
  parseFileArgs,
  requireRegularFile,
  requireWritableTarget,
  resolveUserPath,
  sameDatabase,
} from '@/server/reliability/file-arg';

const USAGE = 'usage: npm run db:backup -- FILE [--force]   (--force replaces an existing FILE)';

async function main(): Promise<void> {
  const { file, flags } = parseFileArgs(process.argv.slice(2), ['--force', '--help'], USAGE);
  const env = cliEnv();
  if (env.DATABASE_URL) throw new FileArgError(POSTGRES_BACKUP_ADVICE);
  const source = resolve(env.DATABASE_PATH);
  requireRegularFile(source, 'the database (DATABASE_PATH)');
  const dest = resolveUserPath(file);
  if (sameDatabase(dest, source)) throw new FileArgError(`${dest} is the live database itself; choose another backup file`);
  requireWritableTarget(dest, 'the backup file', flags.has('--force'));
  const started = Date.now();
  const report = await backupDatabase(source, dest);
  const { incidents = 0, events = 0 } = report.counts;
  console.log(`Backed up ${source}\n       to ${dest} (${statSync(dest).size} bytes, ${Date.now() - started} ms)`);
  console.log(`integrity_check: ok; foreign keys: ok; incidents: ${incidents}; events: ${events}`);
}

if (process.argv.includes('--help')) {
  console.log(USAGE);
} else {
  main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err), err instanceof FileArgError ? 2 : 1));
}
