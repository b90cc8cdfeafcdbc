/**
 * Where a SQLite ACLED import's CPU goes, per thread: `importCsvFiles` (what `npm run import`
 * runs) over the first `--files` of the bench's 200,000-row parts into a fresh database holding
 * the 200 bench rules, printing the writing thread's phases and the other threads' CPU
 * (bench/lib/import-phases.ts). CPU seconds compare across a loaded machine where wall times do
 * not; run it under `node --cpu-prof` (through tsx) for a profile of both threads.
 *   npx tsx bench/import-cost-sqlite.ts --work /tmp/fw-bench [--files 1] [--count 1000000]
 */
import { join } from 'node:path';
import { freshImport, removeDb } from './data/dataset';
import { withImportPhases } from './lib/import-phases';
import { importCostParts } from './lib/import-cost-args';

const { work, parts } = importCostParts();

async function main(): Promise<void> {
  const scratch = join(work, 'run', `import-cost-${process.pid}.db`);
  try {
    const { value, lines } = await withImportPhases(() => freshImport({ parts }, scratch));
    console.log(`${value.inserted} rows inserted in ${(value.ms / 1000).toFixed(2)} s wall`);
    for (const line of lines) console.log(line);
  } finally {
    removeDb(scratch);
  }
}

void main();
