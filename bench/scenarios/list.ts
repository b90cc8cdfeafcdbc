import { listIncidents } from '@/db/queries/incidents';
import { listFacets } from '@/db/queries/facets';
import { viewFilterSchema } from '@/lib/filters/schema';
import { filterParamsFromSearch, incidentFilterSchema } from '@/lib/validation/incident-filter';
import { dayToDate } from '@/lib/time/zone';
import { LAST_DAY } from '../data/acled-generator';
import { pooled } from '../lib/http';
import { metric, type Metric } from '../lib/metric';
import { percentile } from '../lib/stats';
import { realisticFilters } from './filters';
import type { BenchContext, Scenario } from './types';

const SAMPLES = 200;
/** Bounds per phase so a slow build of the product cannot stall the 1M run. */
const PHASE_BUDGET_MS = 15_000;
const MIN_SAMPLES = 5;
const THROUGHPUT_REQUESTS = 1000;
const THROUGHPUT_BUDGET_MS = 10_000;

/** p95 of the same queries run in-process through the product's query functions (the floor). */
function floorP95(ctx: BenchContext, filters: URLSearchParams[], which: 'list' | 'facets'): number {
  const db = ctx.db();
  const times: number[] = [];
  for (const p of filters) {
    const params = filterParamsFromSearch(p);
    const t = performance.now();
    if (which === 'list') listIncidents(db, incidentFilterSchema.parse(params));
    else listFacets(db, viewFilterSchema.parse(params));
    times.push(performance.now() - t);
  }
  return percentile(times, 95);
}

async function latencies(ctx: BenchContext, path: string, filters: URLSearchParams[]): Promise<number[]> {
  const client = await ctx.client(1);
  for (const p of filters.slice(0, 10)) await client.request('GET', `${path}?${p}`); // warm-up: route code and page cache
  const times: number[] = [];
  const start = performance.now();
  for (const p of filters) {
    if (times.length >= MIN_SAMPLES && performance.now() - start > PHASE_BUDGET_MS) break;
    const r = await client.request('GET', `${path}?${p}`);
    if (r.status !== 200) throw new Error(`GET ${path}?${p} → ${r.status}: ${r.body.slice(0, 200)}`);
    times.push(r.ms);
  }
  return times;
}

/** GET /api/incidents (count + first page) and /api/incidents/facets under random realistic filters. */
export const listScenario: Scenario = {
  name: 'list',
  async run(ctx, run) {
    const filters = realisticFilters(ctx.args.seed + run, SAMPLES, dayToDate(LAST_DAY));
    const out: Metric[] = [];
    for (const [which, path] of [['list', '/api/incidents'], ['facets', '/api/incidents/facets']] as const) {
      const times = await latencies(ctx, path, filters);
      const floor = floorP95(ctx, filters.slice(0, times.length), which);
      const p95 = percentile(times, 95);
      out.push(
        metric('list', `${which} p50 @1 conn`, 'ms', percentile(times, 50), 'max', 8, { note: `${times.length} filters` }),
        metric('list', `${which} p95 @1 conn`, 'ms', p95, 'max', 25, { baseline: { name: 'in-process p95', value: floor } }),
        metric('list', `${which} p95 ÷ in-process p95`, '×', p95 / floor, 'max', 2),
      );
    }
    const client = await ctx.client(10);
    const start = performance.now();
    const { wallMs, results } = await pooled(THROUGHPUT_REQUESTS, 10, (i) =>
      performance.now() - start > THROUGHPUT_BUDGET_MS ? Promise.resolve(null) : client.request('GET', `/api/incidents?${filters[i % filters.length]}`),
    );
    const done = results.filter((r) => r !== null);
    const bad = done.filter((r) => r.status !== 200).length;
    if (bad) throw new Error(`${bad} list requests failed under load`);
    out.push(metric('list', 'list throughput @10 conn', 'req/s', (done.length / wallMs) * 1000, 'min', 250, { note: `${done.length} requests` }));
    return out;
  },
};
