import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { forEachCsvRecord } from '@/lib/csv/parse';
import { ACLED_REQUIRED, acledColumnKey } from '@/lib/acled/columns';
import { freshImport, removeDb, type Dataset, type ImportRun } from '../data/dataset';
import { PART_ROWS } from '../data/acled-generator';
import { metric, type Metric } from '../lib/metric';

/**
 * CSV import through the product's importCsv into fresh databases (with the 200 bench rules,
 * so alert evaluation runs). The import that loaded the cached data set counts as a run.
 * Baseline: the import's own CSV reader (Papa Parse, records keyed by column) alone over the first
 * file, scaled to N rows: the floor of this import before any validation or write.
 */
export function importScenario(ds: Dataset, work: string, runs: number, log: (s: string) => void): Metric[][] {
  const done: ImportRun[] = ds.load ? [ds.load] : [];
  while (done.length < runs) {
    const scratch = join(work, 'run', 'import-scratch.db');
    log(`import run ${done.length + 1}/${runs}…`);
    done.push(freshImport(ds, scratch));
    removeDb(scratch);
    log(`  ${(done.at(-1)!.ms / 1000).toFixed(1)} s`);
  }
  const text = readFileSync(ds.parts[0], 'utf8');
  const t = performance.now();
  let rows = 0;
  forEachCsvRecord(text, { columnKey: acledColumnKey, required: ACLED_REQUIRED, unknown: 'keep' }, () => rows++);
  const parseSeconds = ((performance.now() - t) / 1000) * (ds.count / Math.min(rows, PART_ROWS));
  const target = (20 * ds.count) / 1_000_000;
  return done.map((r) => [
    metric('import', `ACLED CSV import, ${ds.count.toLocaleString('en')} rows (validate + write + alerts)`, 's', r.ms / 1000, 'max', target, {
      baseline: { name: 'CSV reader alone', value: parseSeconds },
      note: ds.count === 1_000_000 ? undefined : 'target scaled linearly from 20 s per 1M rows',
    }),
    metric('import', 'import rate', 'rows/s', (r.inserted / r.ms) * 1000, 'min', 50_000),
  ]);
}
