import { saveIncident } from '@/db/services/incident-writes';
import { incidentInputSchema } from '@/lib/incidents/input';
import { REPORT_TIME_ZONE } from '../data/dataset';
import { pooled } from '../lib/http';
import { failed } from '../lib/loop';
import { metric } from '../lib/metric';
import { Rng } from '../lib/prng';
import { percentile } from '../lib/stats';
import { incidentBody } from './incident-body';
import { cpuSnapshot, cpuSpent, type CpuSnapshot } from '../lib/cpu-split';
import type { Scenario } from './types';

const REQUESTS = 2000;
/** Sustained means long enough for WAL checkpoints to show in the tail, bounded for the 1M run. */
const BUDGET_MS = 20_000;
const CONNECTIONS = 4;
const FLOOR_ROWS = 300;

/**
 * Sustained single-incident POSTs at 4 connections (2,000 or 20 s, whichever comes first) (each its own transaction with alert
 * evaluation and the live outbox). Baseline: the same saveIncident call in-process.
 */
export const ingestScenario: Scenario = {
  name: 'ingest',
  async run(ctx, run) {
    const rng = new Rng(ctx.args.seed * 31 + run);
    const db = ctx.store();
    // PostgreSQL's target is the 400/s; the p95 target is SQLite's own.
    const pg = ctx.engine === 'postgres';
    const tag = `${Date.now().toString(36)}-${run}`;
    const t = performance.now();
    for (let i = 0; i < FLOOR_ROWS; i++) {
      await saveIncident(db, incidentInputSchema.parse(incidentBody(rng, `floor-${tag}-${i}`)), { timeZone: REPORT_TIME_ZONE });
    }
    const floorRate = (FLOOR_ROWS / (performance.now() - t)) * 1000;

    // The in-process rate stands even when the server does not.
    try {
      const client = await ctx.client(CONNECTIONS);
      const bodies = Array.from({ length: REQUESTS }, (_, i) => incidentBody(rng, `post-${tag}-${i}`));
      await client.request('POST', '/api/incidents', incidentBody(rng, `warm-${tag}`));
      // A fresh server loads its incident index in the background (tens of seconds at 1M): a list
      // request waits for it, so the timed POSTs below do not share the CPU with that load.
      await client.request('GET', '/api/incidents?limit=1');
      // CPU per POST by process (server, PostgreSQL's backends, this load generator); see cpu-split.ts.
      // SQLite's server does the database work itself: its CPU is the whole write's cost.
      const group = ctx.serverPid?.();
      const cpu0: CpuSnapshot | undefined = group ? await cpuSnapshot(pg ? db : undefined, group) : undefined;
      const start = performance.now();
      const { wallMs, results } = await pooled(REQUESTS, CONNECTIONS, (i) =>
        performance.now() - start > BUDGET_MS ? Promise.resolve(null) : client.request('POST', '/api/incidents', bodies[i]),
      );
      const done = results.filter((r) => r !== null);
      const bad = done.filter((r) => r.status !== 201);
      if (bad.length) throw new Error(`${bad.length} POSTs failed, first: ${bad[0].status} ${bad[0].body.slice(0, 300)}`);
      const rate = (done.length / wallMs) * 1000;
      const times = done.map((r) => r.ms);
      const cpu = cpu0 && group ? cpuSpent(cpu0, await cpuSnapshot(pg ? db : undefined, group)) : undefined;
      const perPost = (ms: number) => ms / done.length;
      const cpuRows = cpu
        ? [
            metric('ingest', 'CPU per POST: server (Node)', 'ms', perPost(cpu.server), 'info', Number.NaN),
            ...(pg
              ? [
                  metric(
                    'ingest',
                    'CPU per POST: PostgreSQL backends',
                    'ms',
                    cpu.backends === null ? Number.NaN : perPost(cpu.backends),
                    'info',
                    Number.NaN,
                  ),
                ]
              : []),
            metric('ingest', 'CPU per POST: load generator', 'ms', perPost(cpu.generator), 'info', Number.NaN, {
              note: !pg
                ? `both: ${perPost(cpu.server + cpu.generator).toFixed(2)} ms`
                : cpu.backends === null
                  ? 'backends not readable here'
                  : `all three: ${perPost(cpu.server + cpu.backends + cpu.generator).toFixed(2)} ms`,
            }),
          ]
        : [];
      return [
        ...cpuRows,
        metric('ingest', `POST rate @${CONNECTIONS} conn`, 'incidents/s', rate, pg ? 'min' : 'info', pg ? 400 : Number.NaN, {
          baseline: { name: 'in-process saveIncident rate', value: floorRate },
          note: `${done.length} incidents in ${(wallMs / 1000).toFixed(0)} s`,
        }),
        // Issue 21 (SQLite): the HTTP rate against the in-process rate of the same run.
        metric(
          'ingest',
          `POST rate @${CONNECTIONS} conn ÷ in-process saveIncident rate`,
          '×',
          rate / floorRate,
          pg ? 'info' : 'min',
          pg ? Number.NaN : 0.9,
        ),
        metric('ingest', `POST p95 @${CONNECTIONS} conn`, 'ms', percentile(times, 95), pg ? 'info' : 'max', pg ? Number.NaN : 25),
        metric('ingest', `POST max @${CONNECTIONS} conn`, 'ms', Math.max(...times), 'info', Number.NaN, {
          note: pg ? undefined : 'tail: WAL checkpoints',
        }),
      ];
    } catch (err) {
      return [
        metric('ingest', 'in-process saveIncident rate', 'incidents/s', floorRate, 'info', Number.NaN),
        failed('ingest', err, (m) => ctx.log(m)),
      ];
    }
  },
};
