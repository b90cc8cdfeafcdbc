import { indexedFilter } from '@/db/queries/incident-index';
import { countMatching } from '@/lib/incident-index/query';
import { mapQuerySchema, viewFilterSchema } from '@/lib/filters/schema';
import { MAX_FEATURES } from '@/lib/map/cluster';
import { mapClusters } from '@/server/map/map-clusters';
import { filterParamsFromSearch, FILTER_PARAM_NAMES } from '@/lib/validation/incident-filter';
import { dayToDate } from '@/lib/time/zone';
import { LAST_DAY } from '../data/acled-generator';
import { metric, type Metric } from '../lib/metric';
import { percentile } from '../lib/stats';
import { realisticFilters, viewports } from './filters';
import { coldModes, warmModes } from './map-all-time-modes';
import type { BenchContext, FilterWindow } from './types';

const COLD_FILTERS = 200;
const WARM_VIEWPORTS = 150;
/** Bounds the cold phase, so a slow build of the product cannot stall the 1M run (samples are reported). */
const COLD_BUDGET_MS = 90_000;
const MIN_COLD = 10;
/** The request: the whole frontier at zoom 5. */
const FRONTIER = { zoom: '5', bbox: '60,24,76,40' };

/**
 * Distinct seeded dashboard filters over ALL time (the list scenario's generator, time preset and
 * viewport dropped): groups, regions, types, text, minKilled and their combinations. Distinct, so
 * every request is the first for its filter in this run (a cold map answer); "All" comes once.
 */
export function allTimeFilters(seed: number, count: number): URLSearchParams[] {
  const seen = new Set<string>();
  const out: URLSearchParams[] = [];
  for (let round = 0; out.length < count && round < 50; round++) {
    for (const p of realisticFilters(seed * 7919 + round, count, dayToDate(LAST_DAY))) {
      for (const k of ['from', 'to', 'bbox']) p.delete(k);
      p.sort();
      const key = p.toString();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
      if (out.length === count) break;
    }
  }
  return out;
}

/** In-process p95 of deciding each filter over the in-memory index (what any map answer pays first): the floor. */
async function filterFloorP95(ctx: BenchContext, filters: URLSearchParams[]): Promise<number> {
  const store = ctx.store();
  const times: number[] = [];
  for (const p of filters) {
    const t = performance.now();
    const { index, f } = await indexedFilter(store, viewFilterSchema.parse(filterParamsFromSearch(p, FILTER_PARAM_NAMES)));
    countMatching(index, f);
    times.push(performance.now() - t);
  }
  return percentile(times, 95);
}

/** In-process p95 of the same viewport sequence through the product's clustering (first answer, then the sweep): the floor. */
async function viewportFloorP95(ctx: BenchContext, views: URLSearchParams[]): Promise<number> {
  const store = ctx.store();
  const times: number[] = [];
  for (const v of [views[0], ...views]) {
    const { zoom, bbox, mode: _mode, weight: _weight, ...filter } = mapQuerySchema.parse(Object.fromEntries(v));
    const t = performance.now();
    await mapClusters(store, filter, bbox ?? { west: -180, south: -90, east: 180, north: 90 }, zoom, MAX_FEATURES);
    times.push(performance.now() - t);
  }
  return percentile(times.slice(1), 95);
}

/** The first /api/map answer for each new filter at the frontier's zoom-5 view, within `window` (null: all time). */
async function coldAnswers(ctx: BenchContext, filters: URLSearchParams[], window: FilterWindow | null): Promise<number[]> {
  const client = await ctx.client(1);
  const cold: number[] = [];
  const start = performance.now();
  for (const p of filters) {
    if (cold.length >= MIN_COLD && performance.now() - start > COLD_BUDGET_MS) break;
    const q = new URLSearchParams(p);
    for (const [k, v] of Object.entries(FRONTIER)) q.set(k, v);
    if (window) {
      q.set('from', window.from);
      q.set('to', window.to);
    }
    const r = await client.request('GET', `/api/map?${q}`);
    if (r.status !== 200) throw new Error(`GET /api/map?${q} → ${r.status}: ${r.body.slice(0, 300)}`);
    cold.push(r.ms);
  }
  return cold;
}

function coldMetric(label: string, cold: number[], floor: number): Metric {
  return metric('map', `${label}: first answer for a new filter p95 (cold)`, 'ms', percentile(cold, 95), 'max', 150, {
    baseline: { name: 'in-process filter count p95', value: floor },
    note: `${cold.length} distinct filters at zoom 5 over the frontier; median ${percentile(cold, 50).toFixed(1)} ms`,
  });
}

/**
 * The map for new filters (issue 21): the first answer for each of up to 200 seeded filters
 * (cold: nothing for that filter exists yet on the server), over all time and in the 100k window,
 * then seeded viewports (zoom 5–11) of the unfiltered all-time map once its first answer exists (warm).
 * The heat, hexagon and bounds answers get the same all-time cold filters and warm viewports.
 */
export async function mapColdFilters(ctx: BenchContext, run: number): Promise<Metric[]> {
  const filters = allTimeFilters(ctx.args.seed + run, COLD_FILTERS);
  const allTime = await coldAnswers(ctx, filters, null);
  const allTimeFloor = await filterFloorP95(ctx, filters.slice(0, allTime.length));
  const modes = await coldModes(ctx, filters, allTimeFloor);
  // Other filters for the window, so none of them meets an answer left by the all-time pass.
  const windowed = allTimeFilters(ctx.args.seed + run + 1000, COLD_FILTERS);
  const inWindow = await coldAnswers(ctx, windowed, ctx.window);
  const windowFloor = await filterFloorP95(
    ctx,
    windowed
      .slice(0, inWindow.length)
      .map((p) => new URLSearchParams({ ...Object.fromEntries(p), from: ctx.window.from, to: ctx.window.to })),
  );
  const client = await ctx.client(1);
  const views = viewports(ctx.args.seed + run, WARM_VIEWPORTS, ctx.window).map((v) => {
    v.delete('from');
    v.delete('to');
    return v;
  });
  const first = await client.request('GET', `/api/map?${views[0]}`);
  if (first.status !== 200) throw new Error(`GET /api/map?${views[0]} → ${first.status}`);
  const warm: number[] = [];
  let total = 0;
  for (const v of views) {
    const r = await client.request('GET', `/api/map?${v}`);
    if (r.status !== 200) throw new Error(`GET /api/map?${v} → ${r.status}`);
    warm.push(r.ms);
    total = (JSON.parse(r.body) as { total: number }).total;
  }
  const warmFloor = await viewportFloorP95(ctx, views);
  const warmCells = await warmModes(ctx, views, percentile(warm, 95));
  return [
    coldMetric('all time', allTime, allTimeFloor),
    ...modes,
    coldMetric(`${ctx.window.count.toLocaleString('en')}-incident window`, inWindow, windowFloor),
    metric('map', 'all time: viewport p95 (warm)', 'ms', percentile(warm, 95), 'max', 20, {
      baseline: { name: 'in-process p95, same viewports', value: warmFloor },
      note: `${total.toLocaleString('en')} incidents; its first answer ${first.ms.toFixed(0)} ms`,
    }),
    ...warmCells,
  ];
}
