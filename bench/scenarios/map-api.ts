import { gzipSync } from 'node:zlib';
import { metric } from '../lib/metric';
import { max, percentile } from '../lib/stats';
import { viewports } from './filters';
import type { Scenario } from './types';

const SAMPLES = 150;

interface MapBody {
  total: number;
  features: unknown[];
}

/**
 * GET /api/map for random viewports (zoom 5–11) with min(100k, N) incidents in the filter
 * window. The first request builds the server's cluster index for the filter: reported apart
 * (cold), since every later pan of the same filter reuses it.
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
    const times: number[] = [];
    const sizes: number[] = [];
    const counts: number[] = [];
    let total = 0;
    for (const v of views) {
      const r = await client.request('GET', `/api/map?${v}`, undefined, { gzip: true });
      if (r.status !== 200) throw new Error(`GET /api/map?${v} → ${r.status}`);
      const body = JSON.parse(r.body) as MapBody;
      times.push(r.ms);
      // Size as the browser would receive it gzipped, whether or not this server compresses.
      sizes.push(gzipSync(r.body).length / 1024);
      counts.push(body.features.length);
      total = body.total;
    }
    if (total !== ctx.window.count) ctx.log(`map: window holds ${total} incidents, expected ${ctx.window.count}`);
    return [
      metric('map', 'viewport p95 (warm index)', 'ms', percentile(times, 95), 'max', 50, {
        note: `${total.toLocaleString('en')} incidents in the window`,
      }),
      metric('map', 'viewport payload max (gzip)', 'KB', max(sizes), 'max', 50),
      metric('map', 'viewport features max', 'features', max(counts), 'max', 500),
      metric('map', 'first request for a new filter (cold index)', 'ms', coldRes.ms, 'info', Number.NaN, {
        note: 'one cluster-index build per filter change; later pans reuse it',
      }),
    ];
  },
};
