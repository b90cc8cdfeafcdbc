/**
 * `npm run import -- FILE [--format acled|native] [--dry-run]`: the same validation and report as
 * POST /api/import. Exit 0 imported (or dry run valid), 1 invalid rows (nothing written), 2 usage.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { IMPORT_FORMATS, IMPORT_LIMIT_BYTES, importCsv, type ImportFormat } from '@/db/services/import';
import { cliDb, cliEnv, fail } from './lib/cli';
import { resolveUserPath } from '@/lib/reliability/file-arg';

const USAGE = 'usage: npm run import -- FILE [--format acled|native] [--dry-run]';

let args;
try {
  args = parseArgs({ allowPositionals: true, options: { format: { type: 'string', default: 'acled' }, 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } });
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.positionals.length !== 1) fail(`expected exactly one FILE\n${USAGE}`);
const format = args.values.format as string;
if (!(IMPORT_FORMATS as readonly string[]).includes(format)) fail(`--format must be acled or native, not "${format}"\n${USAGE}`);
// `npm run` starts in the project root: a relative FILE means what it meant where the user typed it.
const file = resolveUserPath(args.positionals[0]);
let size: number;
try {
  const st = statSync(file);
  if (!st.isFile()) fail(`${file} is not a regular file`);
  size = st.size;
} catch (err) {
  fail(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
}
if (size > IMPORT_LIMIT_BYTES) fail(`${file} is ${size} bytes; the limit is ${IMPORT_LIMIT_BYTES} bytes`);

const env = cliEnv();
const db = cliDb(env);
try {
  const started = Date.now();
  const text = readFileSync(file, 'utf8');
  const report = importCsv(db, text, { format: format as ImportFormat, dryRun: args.values['dry-run'], fileName: basename(file), createdBy: 'cli', timeZone: env.REPORT_TIME_ZONE });
  if (report.errors.length) {
    for (const e of report.errors) console.error(`row ${e.row}, column ${e.column || '-'}: ${e.message}`);
    console.error(`${new Set(report.errors.map((e) => e.row)).size} invalid row(s); nothing was imported.`);
    console.log(JSON.stringify(report));
    process.exitCode = 1;
  } else {
    const what = report.dryRun ? 'Dry run (nothing written)' : `Imported as batch ${report.batchId}`;
    console.error(`${what}: ${report.rows} rows, ${report.inserted} inserted, ${report.updated} updated, ${report.unchanged} unchanged (${Date.now() - started} ms).`);
    console.log(JSON.stringify(report));
  }
} finally {
  db.$client.close();
}
