import { gzipSync } from 'node:zlib';
import { metric } from '../lib/metric';
import { max, percentile } from '../lib/stats';
import { viewports } from './filters';
import { mapColdFilters } from './map-all-time';
import type { HttpClient } from '../lib/http';
import type { Scenario } from './types';

const SAMPLES = 150;

interface MapBody {
  total: number;
  features?: unknown[];
  cells?: unknown[];
}

/** Every viewport once: latency, gzipped size (as the browser would receive it) and item count. */
async function sweep(client: HttpClient, views: URLSearchParams[], extra: Record<string, string>) {
  const times: number[] = [];
  const sizes: number[] = [];
  const counts: number[] = [];
  let total = 0;
  for (const base of views) {
    const v = new URLSearchParams(base);
    for (const [k, val] of Object.entries(extra)) v.set(k, val);
    const r = await client.request('GET', `/api/map?${v}`, undefined, { gzip: true });
    if (r.status !== 200) throw new Error(`GET /api/map?${v} → ${r.status}`);
    const body = JSON.parse(r.body) as MapBody;
    times.push(r.ms);
    sizes.push(gzipSync(r.body).length / 1024);
    counts.push((body.features ?? body.cells ?? []).length);
    total = body.total;
  }
  return { times, sizes, counts, total };
}

/**
 * GET /api/map for random viewports (zoom 5–11) with min(100k, N) incidents in the filter
 * window, in each display mode. The first request selects the filter's incidents and sums its
 * zoom's cells: reported apart (cold), since later pans of the same filter reuse them. Heat and
 * hexagon grids are built from the filter's point set once per zoom: the first sweep of a mode pays for them
 * (reported as info), the measured sweep reuses them as a pan does.
 */
export const mapScenario: Scenario = {
  name: 'map',
  async run(ctx, run) {
    const client = await ctx.client(1);
    const views = viewports(ctx.args.seed + run, SAMPLES, ctx.window);
    // A filter no earlier request used, so the index is built now (new filter = cold).
    const cold = new URLSearchParams(views[0]);
    cold.set('minKilled', String(run));
    const coldRes = await client.request('GET', `/api/map?${cold}`);
    if (coldRes.status !== 200) throw new Error(`GET /api/map → ${coldRes.status}: ${coldRes.body.slice(0, 300)}`);
    await client.request('GET', `/api/map?${views[0]}`);
    const clusters = await sweep(client, views, {});
    if (clusters.total !== ctx.window.count) ctx.log(`map: window holds ${clusters.total} incidents, expected ${ctx.window.count}`);
    const out = [
      metric('map', 'viewport p95 (warm index)', 'ms', percentile(clusters.times, 95), 'max', 50, {
        note: `${clusters.total.toLocaleString('en')} incidents in the window`,
      }),
      metric('map', 'viewport payload max (gzip)', 'KB', max(clusters.sizes), 'max', 50),
      metric('map', 'viewport features max', 'features', max(clusters.counts), 'max', 500),
      metric('map', 'first request for a new filter (cold index)', 'ms', coldRes.ms, 'info', Number.NaN, {
        note: "the filter's selection and its zoom's cells; later pans reuse them",
      }),
    ];
    for (const [label, extra] of [
      ['heat', { mode: 'heat', weight: 'killed' }],
      ['hex', { mode: 'hex' }],
    ] as const) {
      const first = await sweep(client, views, extra);
      const warm = await sweep(client, views, extra);
      out.push(
        metric('map', `${label}: viewport p95 (warm grids)`, 'ms', percentile(warm.times, 95), 'max', 50, {
          note: `beside clusters' ${percentile(clusters.times, 95).toFixed(1)} ms in the same run`,
          baseline: { name: 'clusters p95', value: percentile(clusters.times, 95) },
        }),
        metric('map', `${label}: viewport payload max (gzip)`, 'KB', max(warm.sizes), 'max', 50),
        metric('map', `${label}: first sweep max (one grid build per zoom)`, 'ms', max(first.times), 'info', Number.NaN, {
          note: `${max(warm.counts)} cells at most in a viewport`,
        }),
      );
    }
    // New filters over all time and in the window, warm all-time viewports (issue 21).
    out.push(...(await mapColdFilters(ctx, run)));
    return out;
  },
};
