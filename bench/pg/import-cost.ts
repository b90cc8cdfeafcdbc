/**
 * Where an ACLED import's CPU goes on PostgreSQL: `importCsvFiles` (what `npm run import` runs
 * with DATABASE_URL set) into a fresh database holding the 200 bench rules, with wall time, the
 * Node process's CPU (every thread: process.cpuUsage) and the CPU of this run's backends
 * (/proc/<pid>/stat, sampled each second; the server must run on this machine), and where the
 * writing thread's wall time went per import phase (what it waited for: the worker, the previous
 * batch's upsert, the last one, alerts, COMMIT …), summed over the files.
 *   npx tsx bench/pg/import-cost.ts --pg-url postgres://… --work /tmp/fw-bench [--files 1] [--count 1000000]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { rows } from '@/db/engine';
import { closeStore, openStore } from '@/db/store';
import { copySqliteToPostgres } from '@/db/services/db-copy';
import { importCsvFiles } from '@/server/import/import';
import { setImportPhaseSink } from '@/db/services/import-phases';
import { createTemplate, removeDb, REPORT_TIME_ZONE } from '../data/dataset';
import { dropDatabase, freshDatabase } from './database';

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const serverUrl = arg('pg-url');
const work = arg('work');
if (!serverUrl || !work) throw new Error('--pg-url and --work are required');
const files = Number(arg('files', '1'));
const count = Number(arg('count', '1000000'));
const TICK = 100; // CLK_TCK on Linux
const APP = `fw-import-cost-${process.pid}`;

function cpuMs(pid: number): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / TICK;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const dir = join(work!, 'data', `n${count}-s20241215-g1`);
  const parts = Array.from({ length: files }, (_, i) => join(dir, `acled-${String(i).padStart(3, '0')}.csv`));
  const sqliteTemplate = join(work!, 'run', 'import-cost-template.db');
  await createTemplate(sqliteTemplate);
  const name = 'fwbench_import_cost';
  const store = openStore(await freshDatabase(serverUrl!, name), { poolMax: 4, applicationName: APP });
  const watch = openStore(serverUrl!, { poolMax: 1, applicationName: 'fw-import-cost-watch' });
  const backends = new Map<number, number>();
  const sample = async () => {
    const pids = await rows<{ pid: number }>(watch, sql`SELECT pid FROM pg_stat_activity WHERE application_name = ${APP}`);
    for (const { pid } of pids) {
      const ms = cpuMs(pid);
      if (ms !== null) backends.set(pid, ms);
    }
  };
  try {
    await copySqliteToPostgres({ from: sqliteTemplate, to: store, force: false });
    removeDb(sqliteTemplate);
    await sample();
    const before = new Map(backends);
    const timer = setInterval(() => void sample(), 1000);
    const phases = new Map<string, number>();
    setImportPhaseSink({ clock: () => performance.now(), report: (p, ms) => phases.set(p, (phases.get(p) ?? 0) + ms) });
    const node0 = process.cpuUsage();
    const t = performance.now();
    const reports = await importCsvFiles(store, parts, { format: 'acled', timeZone: REPORT_TIME_ZONE });
    const wall = performance.now() - t;
    const node = process.cpuUsage(node0);
    setImportPhaseSink(null);
    await sample();
    clearInterval(timer);
    const rejected = reports.find((r) => r.errors.length);
    if (rejected) throw new Error(`import of ${rejected.file} rejected: ${JSON.stringify(rejected.errors.slice(0, 5))}`);
    let backend = 0;
    for (const [pid, ms] of backends) backend += ms - (before.get(pid) ?? 0);
    const inserted = reports.reduce((n, r) => n + r.inserted, 0);
    console.log(
      `${inserted} rows inserted: wall ${(wall / 1000).toFixed(1)} s, Node CPU ${((node.user + node.system) / 1e6).toFixed(1)} s, backend CPU ${(backend / 1000).toFixed(1)} s (${backends.size} backends)`,
    );
    console.log('writing thread, wall s per phase (all files):');
    for (const [phase, ms] of [...phases].sort((a, b) => b[1] - a[1])) console.log(`  ${phase}: ${(ms / 1000).toFixed(1)}`);
  } finally {
    await closeStore(store);
    await closeStore(watch);
    await dropDatabase(serverUrl!, name).catch((err: unknown) => console.warn(`could not drop ${name}: ${String(err)}`));
  }
}

void main();
