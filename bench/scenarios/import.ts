import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { forEachCsvRecord } from '@/lib/csv/parse';
import { forEachPlainCsvRecord } from '@/lib/csv/fast-parse';
import { ACLED_REQUIRED, acledColumnKey } from '@/lib/acled/columns';
import { freshImport, removeDb, type Dataset, type ImportRun } from '../data/dataset';
import { PART_ROWS } from '../data/acled-generator';
import { metric, type Metric } from '../lib/metric';
import { withImportPhases } from '../lib/import-phases';

/** Issue 21: the import of N rows within this many times the CSV reader alone over the same bytes. */
const READER_RATIO = 4;

/**
 * CSV import through the product's importCsvFiles (what `npm run import -- PART…` runs) into fresh
 * databases (with the 200 bench rules, so alert evaluation runs). The import that loaded the cached
 * data set counts as a run.
 * Baseline: the import's own CSV reader (Papa Parse, records keyed by column) alone over the first
 * file, scaled to N rows: the floor of this import before any validation or write.
 */
export async function importScenario(
  ds: Dataset,
  work: string,
  runs: number,
  log: (s: string) => void,
  /** Another engine's import into a fresh database (PostgreSQL: 60 s per 1M rows); none counts as done. */
  other?: { fresh: () => Promise<ImportRun>; secondsPer1M: number },
): Promise<Metric[][]> {
  const done: ImportRun[] = ds.load && !other ? [ds.load] : [];
  while (done.length < runs) {
    log(`import run ${done.length + 1}/${runs}…`);
    if (other) done.push(await other.fresh());
    else {
      const scratch = join(work, 'run', 'import-scratch.db');
      const { value, lines } = await withImportPhases(() => freshImport(ds, scratch));
      done.push(value);
      for (const line of lines) log(line);
      removeDb(scratch);
    }
    log(`  ${(done.at(-1)!.ms / 1000).toFixed(1)} s`);
  }
  const { seconds: parseSeconds, reader } = readerFloor(ds);
  // SQLite (issue 21): a ratio to the reader of the same run, which holds on a loaded machine as
  // an absolute time does not. PostgreSQL keeps issue 19's time per million rows.
  const perMillion = other?.secondsPer1M;
  const target = perMillion === undefined ? Number.NaN : (perMillion * ds.count) / 1_000_000;
  return done.map((r) => [
    metric(
      'import',
      `ACLED CSV import, ${ds.count.toLocaleString('en')} rows (validate + write + alerts)`,
      's',
      r.ms / 1000,
      perMillion === undefined ? 'info' : 'max',
      target,
      {
        baseline: { name: `CSV reader alone (${reader})`, value: parseSeconds },
        note: perMillion === undefined || ds.count === 1_000_000 ? undefined : `target scaled linearly from ${perMillion} s per 1M rows`,
      },
    ),
    metric(
      'import',
      'import ÷ CSV reader alone (same bytes, same run)',
      '×',
      r.ms / 1000 / parseSeconds,
      perMillion === undefined ? 'max' : 'info',
      READER_RATIO,
    ),
    metric(
      'import',
      'import rate',
      'rows/s',
      (r.inserted / r.ms) * 1000,
      perMillion === undefined ? 'info' : 'min',
      perMillion === undefined ? Number.NaN : 1_000_000 / perMillion,
    ),
  ]);
}

/**
 * Seconds the import's CSV reader alone takes over the first file, scaled to N rows: Papa Parse
 * (lib/csv/fast-parse.ts, what the import worker reads with), or csv-parse for a file Papa Parse
 * gives up on, as the import itself then does.
 */
function readerFloor(ds: Dataset): { seconds: number; reader: string } {
  const text = readFileSync(ds.parts[0], 'utf8');
  const opts = { columnKey: acledColumnKey, required: ACLED_REQUIRED, unknown: 'keep' as const };
  const timed = (read: (count: () => void) => unknown) => {
    let rows = 0;
    const t = performance.now();
    const result = read(() => rows++);
    return { result, seconds: ((performance.now() - t) / 1000) * (ds.count / Math.min(rows, PART_ROWS)) };
  };
  const papa = timed((count) => forEachPlainCsvRecord(text, opts, count));
  if (papa.result) return { seconds: papa.seconds, reader: 'Papa Parse' };
  return { seconds: timed((count) => forEachCsvRecord(text, opts, count)).seconds, reader: 'csv-parse' };
}
