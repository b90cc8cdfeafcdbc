/**
 * Throwaway measurement, not a test: `npx tsx tests/support/api-import-bench.ts [ROWS]` imports a
 * synthetic ACLED file of ROWS rows (default 100k) into a temp database, then re-imports it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@/db/connection';
import { migrateSqlite } from '@/db/migrate';
import { importCsv, validateImport } from '@/server/import/import';
import { acledCsv, syntheticAcled } from './api-acled';
import { parseCsvTable } from '@/lib/csv/parse';
import { acledColumnKey, ACLED_REQUIRED } from '@/lib/acled/columns';

const rows = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'fw-bench-'));
const db = openDatabase(join(dir, 'bench.db'));
migrateSqlite(db, { reportTimeZone: 'Asia/Karachi' });
const csv = acledCsv(syntheticAcled(rows));
const time = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
  const s = performance.now();
  const cpu = process.cpuUsage();
  const r = await fn();
  const used = process.cpuUsage(cpu);
  console.log(`${label}: ${Math.round(performance.now() - s)} ms wall, ${Math.round((used.user + used.system) / 1000)} ms CPU`);
  return r;
};
console.log(`${rows} rows, ${(csv.length / 1e6).toFixed(1)} MB`);
await time('csv-parse only', () =>
  Promise.resolve(parseCsvTable(csv, { columnKey: acledColumnKey, required: ACLED_REQUIRED, unknown: 'keep' })),
);
await time('validate only', () => validateImport(db, csv, { format: 'acled', timeZone: 'Asia/Karachi' }));
const first = await time('first import', () => importCsv(db, csv, { format: 'acled', timeZone: 'Asia/Karachi' }));
const again = await time('re-import', () => importCsv(db, csv, { format: 'acled', timeZone: 'Asia/Karachi' }));
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log({ first: { inserted: first.inserted, errors: first.errors.length }, again: { unchanged: again.unchanged } });
db.$client.close();
rmSync(dir, { recursive: true, force: true });
