/**
 * `npm run import -- FILE… [--format acled|native|ucdp|gtd] [--dry-run]`: the same validation and report as
 * POST /api/import, for each file in order, each its own all-or-nothing import batch; stops at the
 * first file with invalid rows. Prints one JSON report per file (a line each) on stdout.
 * Exit 0 all imported (or dry run valid), 1 invalid rows (nothing of that file written), 2 usage.
 */
import './lib/cli-log';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { IMPORT_FORMATS, importCsvFiles, oversizeFile, type ImportFormat } from '@/server/import/import';
import { cliDb, cliEnv, fail } from './lib/cli';
import { closeStore } from '@/db/store';
import { resolveUserPath } from '@/server/reliability/file-arg';

const USAGE = 'usage: npm run import -- FILE... [--format acled|native|ucdp|gtd] [--dry-run]';

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'acled' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.positionals.length === 0) fail(`expected at least one FILE\n${USAGE}`);
const format = args.values.format;
if (!(IMPORT_FORMATS as readonly string[]).includes(format)) fail(`--format must be acled, native, ucdp or gtd, not "${format}"\n${USAGE}`);
// `npm run` starts in the project root: a relative FILE means what it meant where the user typed it.
const files = args.positionals.map((file) => resolveUserPath(file));
for (const file of files) {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) fail(`${file} is not a regular file`);
    size = st.size;
  } catch (err) {
    fail(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const tooLarge = oversizeFile(file, size);
  if (tooLarge) fail(tooLarge);
}

const env = cliEnv();
const db = await cliDb(env);
try {
  const started = Date.now();
  const reports = await importCsvFiles(
    db,
    files,
    { format: format as ImportFormat, dryRun: args.values['dry-run'], createdBy: 'cli', timeZone: env.REPORT_TIME_ZONE },
    (report) => {
      const name = basename(report.file);
      if (report.errors.length) {
        for (const e of report.errors) console.error(`row ${e.row}, column ${e.column || '-'}: ${e.message}`);
        console.error(`${name}: ${new Set(report.errors.map((e) => e.row)).size} invalid row(s); nothing was imported from this file.`);
        process.exitCode = 1;
      } else {
        const what = report.dryRun ? 'dry run (nothing written)' : `imported as batch ${report.batchId}`;
        console.error(
          `${name}: ${what}: ${report.rows} rows, ${report.inserted} inserted, ${report.updated} updated, ${report.unchanged} unchanged.`,
        );
      }
      console.log(JSON.stringify(report));
    },
  );
  const skipped = files.slice(reports.length);
  if (skipped.length) console.error(`Not read, after the invalid file: ${skipped.map((f) => basename(f)).join(', ')}.`);
  console.error(`${reports.length} of ${files.length} file(s) in ${Date.now() - started} ms.`);
} finally {
  await closeStore(db);
}
