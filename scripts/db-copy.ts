/**
 * Moves an installation from SQLite to PostgreSQL: `npm run db:copy -- --from FILE --to URL [--force]`
 * (docs/scale-out.md, "Moving from SQLite"). The target is migrated, filled in one transaction and
 * checked table by table; a non-empty target is refused unless --force. The URL's password is
 * never printed. Exit codes: 0 copied, 2 a problem with the arguments or a refusal (nothing was
 * written), 1 the copy failed (rolled back: the target is as it was).
 */
import './lib/cli-log';
import { copySqliteToPostgres, CopyRefusedError } from '@/db/services/db-copy';
import { closeStore, openStore } from '@/db/store';
import { checkPostgresUrl, redactPostgresUrl } from '@/lib/postgres-url';
import { FileArgError, requireRegularFile, resolveUserPath } from '@/server/reliability/file-arg';
import { fail } from './lib/cli';

const USAGE = `usage: npm run db:copy -- --from FILE [--to postgres://user:password@host:port/database] [--force]
  --from   the SQLite database to copy (stop the server first: later writes are not copied)
  --to     the PostgreSQL database to fill (default: DATABASE_URL); created tables are migrated
  --force  replace the content of a target that is not empty (in the same transaction)`;

interface Args {
  from: string;
  to: string;
  force: boolean;
}

function parseArgs(argv: string[]): Args {
  let from: string | undefined;
  let to: string | undefined = process.env.DATABASE_URL || undefined;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new FileArgError(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (flag === '--from') from = value();
    else if (flag === '--to') to = value();
    else if (flag === '--force' && inline === undefined) force = true;
    else throw new FileArgError(`unexpected argument ${flag.startsWith('postgres') ? '(a URL: pass it as --to URL)' : flag}\n${USAGE}`);
  }
  if (!from) throw new FileArgError(`--from FILE is required\n${USAGE}`);
  if (!to) throw new FileArgError(`--to URL is required (or set DATABASE_URL)\n${USAGE}`);
  const checked = checkPostgresUrl(to);
  if (!checked.ok) throw new FileArgError(`--to ${redactPostgresUrl(to)} ${checked.problem}`);
  const path = resolveUserPath(from);
  requireRegularFile(path, 'the SQLite database (--from)');
  return { from: path, to, force };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const shown = redactPostgresUrl(args.to);
  console.log(`Copying ${args.from}\n     to ${shown}${args.force ? ' (--force: its content is replaced)' : ''}`);
  const store = openStore(args.to, { poolMax: 2, applicationName: 'frontier-watch-db-copy' });
  try {
    const report = await copySqliteToPostgres({
      from: args.from,
      to: store,
      force: args.force,
      onTable: (t) => console.log(`  ${t.table.padEnd(20)} ${String(t.target).padStart(10)} rows  ${t.ms} ms`),
    });
    console.log(`Rows per table equal in source and target; day rollup equal (${report.rollupRows} rows).`);
    console.log(`Copied in ${(report.ms / 1000).toFixed(1)} s. Set DATABASE_URL=${shown} (with its password) to run on it.`);
  } finally {
    await closeStore(store);
  }
}

if (process.argv.includes('--help')) {
  console.log(USAGE);
} else {
  main().catch((err: unknown) => {
    const refused = err instanceof FileArgError || err instanceof CopyRefusedError;
    fail(err instanceof Error ? err.message : String(err), refused ? 2 : 1);
  });
}
