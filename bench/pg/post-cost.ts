/**
 * Where one POST's CPU goes on PostgreSQL: `saveIncident` in-process, one at a time, against a
 * database named by --url (a working copy of the bench's template), with the Node process's CPU
 * (process.cpuUsage) and the serving backend's CPU (/proc/<pid>/stat of pg_backend_pid(); the
 * server must run on this machine) per call. Then pg_stat_statements' top statements when the
 * extension is installed in that database. With --conn C, C callers post at once over a pool of C
 * connections (the HTTP ingest scenario's shape without HTTP), each through saveIncident, or
 * with --grouped through the API's group commit (db/services/incident-group-commit-pg.ts); the
 * backend CPU is then that of every connection of the pool.
 * Also the round trips per call (ReadyForQuery messages on the pool's connections: statements sent
 * together count once).
 *   npx tsx bench/pg/post-cost.ts --url postgres://… [--n 500] [--conn 4 [--grouped]]
 */
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { sql } from 'drizzle-orm';
import { rows } from '@/db/engine';
import { closeStore, openStore } from '@/db/store';
import { saveIncident } from '@/db/services/incident-writes';
import { saveIncidentGroupCommitPg } from '@/db/services/incident-group-commit-pg';
import { incidentInputSchema } from '@/lib/incidents/input';
import { REPORT_TIME_ZONE } from '../data/dataset';
import { Rng } from '../lib/prng';
import { incidentBody } from '../scenarios/incident-body';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const url = arg('url');
if (!url) throw new Error('--url postgres://… is required');
const n = Number(arg('n') ?? 500);
const conn = Number(arg('conn') ?? 1);
const grouped = process.argv.includes('--grouped');
const TICK = 100; // CLK_TCK on Linux

/** utime + stime of a process, in ms. */
function cpuOf(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / TICK;
}

async function main(): Promise<void> {
  // One connection per caller: every statement of every call runs on a backend measured.
  const store = openStore(url!, { poolMax: conn, applicationName: 'frontier-watch-post-cost' });
  // Round trips: one ReadyForQuery per query sent (statements sent together count once).
  let trips = 0;
  const pool = (store as unknown as { $client: pg.Pool }).$client;
  pool.on('connect', (client) => (client as unknown as { connection: pg.Connection }).connection.on('readyForQuery', () => trips++));
  const save = grouped ? saveIncidentGroupCommitPg : saveIncident;
  const rng = new Rng(7);
  const tag = Date.now().toString(36);
  const body = (i: number) => incidentInputSchema.parse(incidentBody(rng, `cost-${tag}-${i}`));
  for (let i = 0; i < 50; i++) await saveIncident(store, body(-i - 1), { timeZone: REPORT_TIME_ZONE });
  // Every connection of the pool opened (and warmed) before the backends are listed.
  await Promise.all(Array.from({ length: conn * 10 }, (_, i) => saveIncident(store, body(-100 - i), { timeZone: REPORT_TIME_ZONE })));
  const pids = (
    await rows<{ pid: number }>(
      store,
      sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'frontier-watch-post-cost'`,
    )
  ).map((r) => r.pid);
  const backendCpu = () => pids.reduce((sum, pid) => sum + cpuOf(pid), 0);
  const stats = await rows<{ ok: boolean }>(store, sql`SELECT to_regclass('pg_stat_statements') IS NOT NULL AS ok`);
  if (stats[0].ok) await rows(store, sql`SELECT pg_stat_statements_reset()`);
  const node0 = process.cpuUsage();
  const pg0 = backendCpu();
  const trips0 = trips;
  const t0 = performance.now();
  let next = 0;
  const caller = async () => {
    while (next < n) await save(store, body(next++), { timeZone: REPORT_TIME_ZONE });
  };
  await Promise.all(Array.from({ length: conn }, caller));
  const wall = performance.now() - t0;
  const node = process.cpuUsage(node0);
  const backend = backendCpu() - pg0;
  console.log(
    `${n} ${grouped ? 'grouped saves' : 'saveIncident'} @${conn}: ${(wall / n).toFixed(2)} ms wall, Node ${((node.user + node.system) / 1000 / n).toFixed(2)} ms CPU, backend ${(backend / n).toFixed(2)} ms CPU per call, ${((trips - trips0) / n).toFixed(2)} round trips per call`,
  );
  if (stats[0].ok) {
    const top = await rows<{ calls: number; ms: number; plan: number; q: string }>(
      store,
      sql`SELECT calls, round(total_exec_time::numeric, 1) AS ms, round(total_plan_time::numeric, 1) AS plan, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 160) AS q
          FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          ORDER BY total_exec_time + total_plan_time DESC LIMIT 25`,
    );
    for (const r of top)
      console.log(
        `${String(r.calls).padStart(6)} ${(Number(r.ms) / n).toFixed(3).padStart(8)} exec ${(Number(r.plan) / n).toFixed(3)} plan ms/post  ${r.q}`,
      );
  }
  await closeStore(store);
}

void main();
