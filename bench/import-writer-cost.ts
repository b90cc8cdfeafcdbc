/**
 * The SQLite import's writing thread alone: the first `--files` of the bench's 200,000-row parts
 * are parsed and packed on this thread first (as the import worker does), then written into a
 * fresh database holding the 200 bench rules through the import's own transaction
 * (writeTransaction, one per file, in the page cache importSession sizes), `--runs` times, each
 * into a new database. Prints per run the writing thread's phases in CPU seconds: the writer's
 * cost without the parsing worker running beside it, for comparing writer changes run by run.
 *   npx tsx bench/import-writer-cost.ts --work /tmp/fw-bench [--files 1] [--runs 3] [--count 1000000]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '@/db/connection';
import { migrateSqlite } from '@/db/migrate';
import { importGroupDefs } from '@/db/services/import-groups';
import { importSession, writeTransaction } from '@/db/services/import-batch';
import { timePhaseAsync } from '@/db/services/import-phases';
import type { PackedRows } from '@/db/row-batch';
import { parseRows } from '@/server/import/parse-rows';
import type { GroupDef } from '@/lib/taxonomy/groups';
import { createTemplate, removeDb, REPORT_TIME_ZONE } from './data/dataset';
import { withImportPhases } from './lib/import-phases';
import { argValue, benchParts } from './lib/part-args';

const { work, parts } = benchParts();
const runs = Number(argValue('runs', '1'));

/** One file's rows as the worker posts them (parseRows, the worker's own loop). */
function parse(path: string, groups: GroupDef[]): { batches: PackedRows[]; count: number } {
  const batches: PackedRows[] = [];
  const done = parseRows(readFileSync(path, 'utf8'), { format: 'acled', timeZone: REPORT_TIME_ZONE, groups }, (b) => batches.push(b));
  if (!done) throw new Error(`${path}: the fast reader gave up`);
  if (done.errors.length) throw new Error(`${path}: ${JSON.stringify(done.errors.slice(0, 3))}`);
  return { batches, count: done.count };
}

async function main(): Promise<void> {
  const scratch = join(work, 'run', `import-writer-cost-${process.pid}.db`);
  await createTemplate(scratch);
  const template = openDatabase(scratch);
  const groups = await importGroupDefs(template);
  template.$client.close();
  const parsed = parts.map((p) => parse(p, groups));
  try {
    for (let run = 0; run < runs; run++) {
      await createTemplate(scratch);
      const db = openDatabase(scratch);
      migrateSqlite(db, { reportTimeZone: REPORT_TIME_ZONE });
      let inserted = 0;
      const t = performance.now();
      const { lines } = await withImportPhases(() =>
        importSession(db, Math.max(...parts.map((p) => readFileSync(p, 'utf8').length)), async () => {
          for (const [i, { batches, count: n }] of parsed.entries()) {
            const report = await writeTransaction(
              db,
              { format: 'acled', timeZone: REPORT_TIME_ZONE, fileName: `part-${i}` },
              `c${i}`,
              async (sink) => {
                for (const b of batches) await timePhaseAsync('rows', () => sink.addPacked(b));
                return { count: n, errors: [] };
              },
            );
            inserted += report.inserted;
          }
        }),
      );
      console.log(`run ${run + 1}: ${inserted} rows inserted in ${((performance.now() - t) / 1000).toFixed(2)} s wall`);
      for (const line of lines) console.log(line);
      db.$client.close();
    }
  } finally {
    removeDb(scratch);
  }
}

void main();
