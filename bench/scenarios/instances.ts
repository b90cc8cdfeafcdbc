import { PAGE_SIZE } from '@/hooks/queries';
import { dayToDate } from '@/lib/time/zone';
import { LAST_DAY } from '../data/acled-generator';
import { HttpClient, pooled, type HttpResult } from '../lib/http';
import { metric } from '../lib/metric';
import { realisticFilters } from './filters';
import type { Scenario } from './types';

const REQUESTS = 2500;
const BUDGET_MS = 10_000;
const CONNECTIONS = 10;

/** Dashboard list requests at 10 connections, alternately to `a` and `b` (all to `a` without `b`). */
async function load(a: HttpClient, b: HttpClient | null, paths: string[]) {
  const start = performance.now();
  const { wallMs, results } = await pooled<HttpResult | null>(REQUESTS, CONNECTIONS, (i) =>
    performance.now() - start > BUDGET_MS ? Promise.resolve(null) : (b && i % 2 ? b : a).request('GET', paths[i % paths.length]),
  );
  const done = results.filter((r) => r !== null);
  return { rate: (done.length / wallMs) * 1000, count: done.length, errors: done.filter((r) => r.status !== 200).length };
}

/**
 * PostgreSQL scale-out: the dashboard list (count + facets + first page) from one load generator
 * at 10 connections, alternating between two app instances on the same database; the floor is the
 * same load on one instance in the same run. Every response must be 200.
 */
export const instancesScenario: Scenario = {
  name: 'instances',
  async run(ctx, run) {
    if (!ctx.secondInstance) throw new Error('two instances need the PostgreSQL engine');
    const filters = realisticFilters(ctx.args.seed + run, 200, dayToDate(LAST_DAY));
    const paths = filters.map((p) => `/api/incidents?${[p.toString(), `facets=true&limit=${PAGE_SIZE}`].filter(Boolean).join('&')}`);
    const a = new HttpClient(await ctx.baseUrl(), ctx.token, CONNECTIONS / 2);
    const b = new HttpClient(await ctx.secondInstance(), ctx.token, CONNECTIONS / 2);
    const one = new HttpClient(await ctx.baseUrl(), ctx.token, CONNECTIONS);
    try {
      for (const p of paths.slice(0, 10)) await b.request('GET', p); // warm-up: the second instance's route code
      const single = await load(one, null, paths);
      const both = await load(a, b, paths);
      return [
        metric('instances', `two instances: list throughput @${CONNECTIONS} conn`, 'req/s', both.rate, 'info', Number.NaN, {
          baseline: { name: 'one instance, same load', value: single.rate },
          note: `${both.count} requests`,
        }),
        metric('instances', 'two instances: failed requests', 'requests', both.errors + single.errors, 'max', 0),
      ];
    } finally {
      for (const c of [a, b, one]) c.close();
    }
  },
};
