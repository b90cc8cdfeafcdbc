import { listReports } from '@/db/queries/report-list';
import { findCandidates } from '@/db/queries/report-candidates';
import { incidentKey, type EventKey } from '@/lib/intake/event-key';
import { reportListQuery } from '@/lib/validation/report-queries';
import { BENCH_REPORTS, seedReports } from '../data/reports';
import { metric, type Metric } from '../lib/metric';
import { Rng } from '../lib/prng';
import { percentile } from '../lib/stats';
import type { BenchContext, Scenario } from './types';

const SAMPLES = 200;
const PHASE_BUDGET_MS = 15_000;
const MIN_SAMPLES = 5;
const SEARCHES = 500;

/** The queue's requests: the first page unfiltered, the new reports, one region, a word search. */
const PHASES = [
  { key: 'none', label: 'no filter', query: () => '' },
  { key: 'status', label: 'status=new', query: () => 'status=new' },
  { key: 'region', label: 'region', query: (rng: Rng) => `region=${rng.pick(['kp', 'balochistan', 'barmal', 'tajikistan', 'none'])}` },
  {
    key: 'q',
    label: 'q (one word)',
    query: (rng: Rng) => `q=${rng.pick(['Waziristan', 'martyred', 'Quetta', 'convoy', 'khawarij', 'Barmal'])}`,
  },
] as const;

let seeded = false;

/** Stores 100,000 reports in the working copy once per bench run (the list is read-only afterwards). */
async function ensureReports(ctx: BenchContext): Promise<void> {
  if (seeded) return;
  const t = performance.now();
  await seedReports(ctx.db(), BENCH_REPORTS, ctx.args.seed, Date.now());
  ctx.log(`stored ${BENCH_REPORTS.toLocaleString('en')} reports in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  seeded = true;
}

async function listPhase(ctx: BenchContext, phase: (typeof PHASES)[number], rng: Rng): Promise<Metric[]> {
  const queries = Array.from({ length: SAMPLES }, () => phase.query(rng));
  const client = await ctx.client(1);
  for (const q of queries.slice(0, 5)) await client.request('GET', `/api/reports?${q}`);
  const times: number[] = [];
  const start = performance.now();
  for (const q of queries) {
    if (times.length >= MIN_SAMPLES && performance.now() - start > PHASE_BUDGET_MS) break;
    const r = await client.request('GET', `/api/reports?${q}`);
    if (r.status !== 200) throw new Error(`GET /api/reports?${q} → ${r.status}: ${r.body.slice(0, 200)}`);
    times.push(r.ms);
  }
  // The floor: the same query function in-process, no HTTP, no JSON.
  const floor: number[] = [];
  for (const q of queries.slice(0, times.length)) {
    const query = reportListQuery.parse(Object.fromEntries(new URLSearchParams(q)));
    const t = performance.now();
    await listReports(ctx.db(), query);
    floor.push(performance.now() - t);
  }
  return [
    metric(
      'reports',
      `GET /api/reports ${phase.label} p95 @1 conn (${BENCH_REPORTS / 1000}k reports)`,
      'ms',
      percentile(times, 95),
      'max',
      50,
      {
        baseline: { name: 'in-process listReports p95', value: percentile(floor, 95) },
        note: `${times.length} requests, first page of 50 + total`,
      },
    ),
  ];
}

/** Events to search for: stored incidents moved a little in place, as another outlet reports them. */
function searchKeys(ctx: BenchContext, rng: Rng): EventKey[] {
  const db = ctx.db();
  const maxId = db.$client.prepare('SELECT max(id) FROM incidents').pluck().get() as number;
  const one = db.$client.prepare(`SELECT occurred_day AS occurredDay, admin1, admin2, location, lat, lon, geo_precision AS geoPrecision,
      event_type AS eventType, sub_event_type AS subEventType, group_id AS "group", killed FROM incidents WHERE id >= ? LIMIT 1`);
  return Array.from({ length: SEARCHES }, () => {
    const row = one.get(1 + rng.int(maxId)) as Parameters<typeof incidentKey>[0];
    const k = incidentKey(row);
    return { ...k, lat: k.lat! + (rng.next() - 0.5) * 0.1, lon: k.lon! + (rng.next() - 0.5) * 0.1, location: null };
  });
}

async function candidatePhase(ctx: BenchContext, rng: Rng): Promise<Metric[]> {
  const db = ctx.db();
  const keys = searchKeys(ctx, rng);
  const range = db.$client.prepare('SELECT count(*) FROM incidents WHERE occurred_day BETWEEN ? AND ?').pluck();
  for (const k of keys.slice(0, 20)) await findCandidates(db, k);
  const times: number[] = [];
  const floor: number[] = [];
  let offered = 0;
  for (const k of keys) {
    let t = performance.now();
    offered += (await findCandidates(db, k)).length ? 1 : 0;
    times.push(performance.now() - t);
    t = performance.now();
    range.get(k.day! - 1, k.day! + 1);
    floor.push(performance.now() - t);
  }
  const incidents = db.$client.prepare('SELECT count(*) FROM incidents').pluck().get() as number;
  return [
    metric('reports', `candidate search p95 (${(incidents / 1e6).toFixed(2)}M incidents)`, 'ms', percentile(times, 95), 'max', 10, {
      baseline: { name: 'day ±1 index range count p95', value: percentile(floor, 95) },
      note: `${keys.length} searches, ${offered} with a candidate`,
    }),
  ];
}

/** GET /api/reports with 100,000 reports stored, and the candidate search over the bench's incidents. */
export const reportsScenario: Scenario = {
  name: 'reports',
  async run(ctx, run) {
    await ensureReports(ctx);
    const rng = new Rng(ctx.args.seed * 17 + run);
    const out: Metric[] = [];
    for (const phase of PHASES) out.push(...(await listPhase(ctx, phase, rng)));
    out.push(...(await candidatePhase(ctx, rng)));
    return out;
  },
};
