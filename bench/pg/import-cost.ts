/**
 * Where an ACLED import's CPU goes on PostgreSQL: `importCsvFiles` (what `npm run import` runs
 * with DATABASE_URL set) into a fresh database holding the 200 bench rules, with wall time, the
 * Node process's CPU (every thread: process.cpuUsage) and the CPU of this run's backends
 * (/proc/<pid>/stat, sampled each second; the server must run on this machine), and where the
 * writing thread's wall time went per import phase (what it waited for: the worker, the previous
 * batch's upsert, the last one, alerts, COMMIT …), summed over the files. With --timeline, also
 * each phase's start and end (the upserts, which run beside this thread's phases, included) and,
 * per second, how much of a core the backends and this process used: where the database idles.
 * Every run also samples each backend's scheduler state (/proc/<pid>/stat, every ~2 ms on a thread
 * of its own): a backend found sleeping (S) waits for this process, found running or runnable (R)
 * has work. That share does not depend on how loaded the machine is, unlike the CPU shares.
 *   npx tsx bench/pg/import-cost.ts --pg-url postgres://… --work /tmp/fw-bench [--files 1] [--count 1000000] [--timeline]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { rows } from '@/db/engine';
import { closeStore, openStore } from '@/db/store';
import { copySqliteToPostgres } from '@/db/services/db-copy';
import { importCsvFiles } from '@/server/import/import';
import { setImportPhaseSink } from '@/db/services/import-phases';
import { UPSERT_SPAN } from '@/db/services/import-writer-pg';
import { idsSessionName } from '@/db/services/import-ids-pg';
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
const timeline = process.argv.includes('--timeline');
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
  let states: Worker | null = null;
  const sample = async () => {
    const pids = await rows<{ pid: number }>(
      watch,
      sql`SELECT pid FROM pg_stat_activity WHERE application_name IN (${APP}, ${idsSessionName(APP)})`,
    );
    states?.postMessage({ type: 'pids', pids: pids.map((p) => p.pid) });
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
    const phases = new Map<string, number>();
    const spans: { phase: string; start: number; end: number }[] = [];
    const usage: { at: number; backend: number; node: number }[] = [];
    const backendTotal = () => [...backends].reduce((n, [pid, ms]) => n + ms - (before.get(pid) ?? 0), 0);
    const node0 = process.cpuUsage();
    const t = performance.now();
    const nodeMs = () => {
      const u = process.cpuUsage(node0);
      return (u.user + u.system) / 1000;
    };
    states = stateSampler();
    states.postMessage({ type: 'start' });
    const timer = setInterval(
      () => void sample().then(() => usage.push({ at: performance.now() - t, backend: backendTotal(), node: nodeMs() })),
      1000,
    );
    setImportPhaseSink({
      clock: () => performance.now(),
      report: (phase, ms) => {
        if (phase !== UPSERT_SPAN) phases.set(phase, (phases.get(phase) ?? 0) + ms);
        if (timeline) spans.push({ phase, start: performance.now() - t - ms, end: performance.now() - t });
      },
    });
    const reports = await importCsvFiles(store, parts, { format: 'acled', timeZone: REPORT_TIME_ZONE });
    const wall = performance.now() - t;
    const node = process.cpuUsage(node0);
    setImportPhaseSink(null);
    await sample();
    clearInterval(timer);
    const waits = await stopSampler(states);
    states = null;
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
    printWaits(waits, timeline);
    if (timeline) printTimeline(spans, usage);
  } finally {
    await states?.terminate();
    await closeStore(store);
    await closeStore(watch);
    await dropDatabase(serverUrl!, name).catch((err: unknown) => console.warn(`could not drop ${name}: ${String(err)}`));
  }
}

type Waits = Record<number, { samples: number; sleeping: number; perSecond: [number, number][]; ms: number }>;

/** A thread reading each backend's state from /proc every ~2 ms until told to stop; answers Waits. */
function stateSampler(): Worker {
  const code = `
    const { parentPort } = require('node:worker_threads');
    const { readFileSync } = require('node:fs');
    let pids = [], t0 = 0, timer = null;
    const out = {};
    parentPort.on('message', (m) => {
      if (m.type === 'pids') pids = m.pids;
      else if (m.type === 'start') {
        t0 = performance.now();
        timer = setInterval(() => {
          const sec = Math.floor((performance.now() - t0) / 1000);
          for (const pid of pids) {
            let state;
            try { state = readFileSync('/proc/' + pid + '/stat', 'latin1').split(') ')[1][0]; } catch { continue; }
            const o = (out[pid] ??= { samples: 0, sleeping: 0, perSecond: [], ms: 0, first: performance.now(), last: 0 });
            o.last = performance.now();
            o.samples++;
            o.perSecond[sec] ??= [0, 0];
            o.perSecond[sec][0]++;
            if (state === 'S') { o.sleeping++; o.perSecond[sec][1]++; }
          }
        }, 2);
      } else if (m.type === 'stop') {
        clearInterval(timer);
        // Each backend's own span: the ids connections live for one file each.
        for (const o of Object.values(out)) o.ms = o.last - o.first;
        parentPort.postMessage(out);
      }
    });`;
  return new Worker(code, { eval: true });
}

async function stopSampler(w: Worker | null): Promise<Waits> {
  if (!w) return {};
  const done = new Promise<Waits>((resolve) => w.once('message', resolve));
  w.postMessage({ type: 'stop' });
  const waits = await done;
  await w.terminate();
  return waits;
}

/** Per backend, the share of samples that found it sleeping, i.e. waiting for this process (and, with --timeline, per second). */
function printWaits(waits: Waits, perSecond: boolean): void {
  for (const [pid, w] of Object.entries(waits)) {
    if (w.samples < 10) continue;
    const share = w.sleeping / w.samples;
    console.log(
      `backend ${pid}: sleeping (waiting for Node) in ${(100 * share).toFixed(1)}% of ${w.samples} samples, ~${((share * w.ms) / 1000).toFixed(1)} s of ${(w.ms / 1000).toFixed(1)} s`,
    );
    if (!perSecond || share > 0.95) continue;
    const line = w.perSecond.map((c, s) => (c ? `${s}s ${(c[1] / c[0]).toFixed(2)}` : '')).filter(Boolean);
    for (let i = 0; i < line.length; i += 10) console.log(`  ${line.slice(i, i + 10).join('  ')}`);
  }
}

/** Spans of 50 ms or more (start–end, s from the import's start), then each second's share of a core. */
function printTimeline(
  spans: { phase: string; start: number; end: number }[],
  usage: { at: number; backend: number; node: number }[],
): void {
  console.log('timeline (s from the start; the upserts overlap the phases of this thread):');
  for (const { phase, start, end } of spans.filter((s) => s.end - s.start >= 50).sort((a, b) => a.start - b.start)) {
    console.log(`  ${(start / 1000).toFixed(2).padStart(7)}–${(end / 1000).toFixed(2).padEnd(7)} ${phase}`);
  }
  console.log('per second, share of a core used by the backends / by this process (all threads):');
  let prev = { at: 0, backend: 0, node: 0 };
  const line: string[] = [];
  for (const u of usage) {
    const dt = u.at - prev.at;
    line.push(`${(u.at / 1000).toFixed(0)}s ${((u.backend - prev.backend) / dt).toFixed(2)}/${((u.node - prev.node) / dt).toFixed(2)}`);
    prev = u;
  }
  for (let i = 0; i < line.length; i += 8) console.log(`  ${line.slice(i, i + 8).join('  ')}`);
}

void main();
