import { metric, type Metric } from '../lib/metric';
import { percentile } from '../lib/stats';
import type { HttpClient } from '../lib/http';
import type { BenchContext } from './types';

/** Bounds each mode's cold pass, as the clusters' pass is (samples so far are reported). */
const COLD_BUDGET_MS = 90_000;
const MIN_COLD = 10;
/** The request: the whole frontier at zoom 5. */
const FRONTIER = { zoom: '5', bbox: '60,24,76,40' };

/**
 * The dashboard's other answers for a filter: the heat map (weighted by killed, which reads both
 * sums and drops the cells without any), the hexagons, and the filter's extent ("Zoom to results").
 */
const MODES = [
  { label: 'heat', path: '/api/map', extra: { mode: 'heat', weight: 'killed', ...FRONTIER } },
  { label: 'hex', path: '/api/map', extra: { mode: 'hex', ...FRONTIER } },
  { label: 'bounds', path: '/api/incidents/bounds', extra: {} },
] as const;

async function coldPass(client: HttpClient, path: string, filters: URLSearchParams[], extra: Record<string, string>): Promise<number[]> {
  const cold: number[] = [];
  const start = performance.now();
  for (const p of filters) {
    if (cold.length >= MIN_COLD && performance.now() - start > COLD_BUDGET_MS) break;
    const q = new URLSearchParams(p);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    const r = await client.request('GET', `${path}?${q}`);
    if (r.status !== 200) throw new Error(`GET ${path}?${q} → ${r.status}: ${r.body.slice(0, 300)}`);
    cold.push(r.ms);
  }
  return cold;
}

/**
 * The first heat, hexagon and bounds answer for each of the same seeded all-time filters as the
 * clusters' cold pass, one mode after the other (each pass meets every filter first: the server
 * keeps only the last few filters' state, far fewer than 200), beside the same floor.
 */
export async function coldModes(ctx: BenchContext, filters: URLSearchParams[], floor: number): Promise<Metric[]> {
  const client = await ctx.client(1);
  const out: Metric[] = [];
  for (const { label, path, extra } of MODES) {
    const cold = await coldPass(client, path, filters, extra);
    out.push(
      metric('map', `all time, ${label}: first answer for a new filter p95 (cold)`, 'ms', percentile(cold, 95), 'max', 150, {
        baseline: { name: 'in-process filter count p95', value: floor },
        note: `${cold.length} distinct filters${label === 'bounds' ? '' : ' at zoom 5 over the frontier'}; median ${percentile(cold, 50).toFixed(1)} ms`,
      }),
    );
  }
  return out;
}

/** Warm heat and hexagon viewports of the unfiltered all-time map: the same seeded viewports as the clusters' warm sweep. */
export async function warmModes(ctx: BenchContext, views: URLSearchParams[], clustersP95: number): Promise<Metric[]> {
  const client = await ctx.client(1);
  const out: Metric[] = [];
  for (const { label, extra } of MODES.slice(0, 2)) {
    const at = (v: URLSearchParams) => {
      const q = new URLSearchParams(v);
      for (const k of ['mode', 'weight'] as const) if (k in extra) q.set(k, (extra as Record<string, string>)[k]);
      return `/api/map?${q}`;
    };
    const first = await client.request('GET', at(views[0]));
    if (first.status !== 200) throw new Error(`GET ${at(views[0])} → ${first.status}`);
    const warm: number[] = [];
    for (const v of views) {
      const r = await client.request('GET', at(v));
      if (r.status !== 200) throw new Error(`GET ${at(v)} → ${r.status}`);
      warm.push(r.ms);
    }
    out.push(
      metric('map', `all time, ${label}: viewport p95 (warm)`, 'ms', percentile(warm, 95), 'max', 20, {
        baseline: { name: 'clusters p95, same viewports', value: clustersP95 },
        note: `its first answer ${first.ms.toFixed(0)} ms`,
      }),
    );
  }
  return out;
}
