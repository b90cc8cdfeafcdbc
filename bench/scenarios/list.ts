import { listIncidents } from '@/db/queries/incidents';
import { listFacets } from '@/db/queries/facets';
import { viewFilterSchema } from '@/lib/filters/schema';
import { FILTER_PARAM_NAMES, filterParamsFromSearch, incidentFilterSchema } from '@/lib/validation/incident-filter';
import { dayToDate } from '@/lib/time/zone';
import { LAST_DAY } from '../data/acled-generator';
import { pooled } from '../lib/http';
import { metric, type Metric } from '../lib/metric';
import { percentile } from '../lib/stats';
import { realisticFilters } from './filters';
import { PAGE_SIZE } from '@/hooks/queries';
import type { BenchContext, Scenario } from './types';

const SAMPLES = 200;
/** Bounds per phase so a slow build of the product cannot stall the 1M run. */
const PHASE_BUDGET_MS = 15_000;
const MIN_SAMPLES = 5;
const THROUGHPUT_REQUESTS = 2500;
const THROUGHPUT_BUDGET_MS = 10_000;

/**
 * The request: count + facets + first page in one call (`facets=true`, the dashboard's
 * page of PAGE_SIZE incidents); the list alone (the API's default page of 100) and the facets
 * alone are reported beside it.
 */
const DASHBOARD = `facets=true&limit=${PAGE_SIZE}`;
const PHASES = [
  { key: 'dashboard', label: `count + facets + first page (${PAGE_SIZE})`, path: '/api/incidents', extra: DASHBOARD, target: true },
  { key: 'list', label: 'list (count + first page of 100)', path: '/api/incidents', extra: '', target: false },
  { key: 'facets', label: 'facets', path: '/api/incidents/facets', extra: '', target: false },
] as const;
type Phase = (typeof PHASES)[number];

const withExtra = (p: URLSearchParams, extra: string) => [p.toString(), extra].filter(Boolean).join('&');

/** p95 of the same calls in-process through the product's query functions (the floor). */
async function floorP95(ctx: BenchContext, filters: URLSearchParams[], phase: Phase): Promise<number> {
  const db = ctx.store();
  const times: number[] = [];
  for (const p of filters) {
    const params = filterParamsFromSearch(new URLSearchParams(withExtra(p, phase.extra)), [...FILTER_PARAM_NAMES, 'facets']);
    const t = performance.now();
    if (phase.key === 'facets') await listFacets(db, viewFilterSchema.parse(params));
    else {
      const { facets, ...filter } = params;
      await listIncidents(db, incidentFilterSchema.parse(filter), { facets: facets === 'true' });
    }
    times.push(performance.now() - t);
  }
  return percentile(times, 95);
}

async function latencies(ctx: BenchContext, phase: Phase, filters: URLSearchParams[]): Promise<number[]> {
  const client = await ctx.client(1);
  for (const p of filters.slice(0, 10)) await client.request('GET', `${phase.path}?${withExtra(p, phase.extra)}`); // warm-up: route code
  const times: number[] = [];
  const start = performance.now();
  for (const p of filters) {
    if (times.length >= MIN_SAMPLES && performance.now() - start > PHASE_BUDGET_MS) break;
    const r = await client.request('GET', `${phase.path}?${withExtra(p, phase.extra)}`);
    if (r.status !== 200) throw new Error(`GET ${phase.path}?${p} → ${r.status}: ${r.body.slice(0, 200)}`);
    times.push(r.ms);
  }
  return times;
}

/** GET /api/incidents (with and without facets) and /api/incidents/facets under random realistic filters. */
export const listScenario: Scenario = {
  name: 'list',
  async run(ctx, run) {
    const filters = realisticFilters(ctx.args.seed + run, SAMPLES, dayToDate(LAST_DAY));
    const out: Metric[] = [];
    for (const phase of PHASES) {
      const times = await latencies(ctx, phase, filters);
      const floor = await floorP95(ctx, filters.slice(0, times.length), phase);
      const p95 = percentile(times, 95);
      const dir = phase.target ? 'max' : 'info';
      // On PostgreSQL the issue sets the p95 alone; the other targets are SQLite's.
      const sqliteOnly = ctx.engine === 'postgres' ? 'info' : dir;
      out.push(
        metric('list', `${phase.label} p50 @1 conn`, 'ms', percentile(times, 50), sqliteOnly, phase.target ? 8 : Number.NaN, {
          note: `${times.length} filters`,
        }),
        metric('list', `${phase.label} p95 @1 conn`, 'ms', p95, dir, phase.target ? 25 : Number.NaN, {
          baseline: { name: 'in-process p95', value: floor },
        }),
        metric('list', `${phase.label} p95 ÷ in-process p95`, '×', p95 / floor, sqliteOnly, phase.target ? 2 : Number.NaN),
      );
    }
    const client = await ctx.client(10);
    const start = performance.now();
    const { wallMs, results } = await pooled(THROUGHPUT_REQUESTS, 10, (i) =>
      performance.now() - start > THROUGHPUT_BUDGET_MS
        ? Promise.resolve(null)
        : client.request('GET', `/api/incidents?${withExtra(filters[i % filters.length], DASHBOARD)}`),
    );
    const done = results.filter((r) => r !== null);
    const bad = done.filter((r) => r.status !== 200).length;
    if (bad) throw new Error(`${bad} list requests failed under load`);
    out.push(
      metric(
        'list',
        `count + facets + first page (${PAGE_SIZE}) throughput @10 conn`,
        'req/s',
        (done.length / wallMs) * 1000,
        ctx.engine === 'postgres' ? 'info' : 'min',
        250,
        {
          note: `${done.length} requests`,
        },
      ),
    );
    return out;
  },
};
