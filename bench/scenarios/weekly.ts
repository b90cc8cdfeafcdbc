import { sql } from 'drizzle-orm';
import { rows } from '@/db/engine';
import { computeWeeklyReport, computeWeeklyTrend } from '@/db/queries/weekly';
import { formatWeek, weekOfDay, weekStartDay } from '@/lib/time/iso-week';
import { LAST_DAY } from '../data/acled-generator';
import { REPORT_TIME_ZONE } from '../data/dataset';
import { failed } from '../lib/loop';
import { metric } from '../lib/metric';
import { Rng } from '../lib/prng';
import { percentile } from '../lib/stats';
import type { BenchContext, Scenario } from './types';

const WEEKS = 30;

/** The floor: one week's count and deaths, a prepared statement on SQLite, the same SQL through the pool on PostgreSQL. */
function weekCount(ctx: BenchContext): (from: number, to: number) => Promise<unknown> {
  if (ctx.engine === 'sqlite') {
    const stmt = ctx.db().$client.prepare('SELECT count(*), sum(killed) FROM incidents WHERE occurred_day BETWEEN ? AND ?');
    return (from, to) => Promise.resolve(stmt.get(from, to));
  }
  const store = ctx.store();
  return (from, to) => rows(store, sql`SELECT count(*), sum(killed) FROM incidents WHERE occurred_day BETWEEN ${from} AND ${to}`);
}

/** Weekly brief and 12-week trend for random weeks of the last two years, in-process and over HTTP. */
export const weeklyScenario: Scenario = {
  name: 'weekly',
  async run(ctx, run) {
    const db = ctx.store();
    const rng = new Rng(ctx.args.seed * 7 + run);
    const weeks = Array.from({ length: WEEKS }, () => weekOfDay(LAST_DAY - rng.int(730)));
    const report: number[] = [];
    const trend: number[] = [];
    const floor: number[] = [];
    const count = weekCount(ctx);
    for (const w of weeks) {
      const week = formatWeek(w);
      let t = performance.now();
      await computeWeeklyReport(db, { week, timeZone: REPORT_TIME_ZONE });
      report.push(performance.now() - t);
      t = performance.now();
      await computeWeeklyTrend(db, { week, timeZone: REPORT_TIME_ZONE });
      trend.push(performance.now() - t);
      const startDay = weekStartDay(w);
      t = performance.now();
      await count(startDay, startDay + 6);
      floor.push(performance.now() - t);
    }
    const out = [
      metric('weekly', 'weekly report p95 (computeWeeklyReport)', 'ms', percentile(report, 95), 'max', 100, {
        baseline: { name: 'one-week count(*) p95', value: percentile(floor, 95) },
      }),
      // SQLite's own target; the issue sets none for the trend on PostgreSQL.
      metric(
        'weekly',
        '12-week trend p95 (computeWeeklyTrend)',
        'ms',
        percentile(trend, 95),
        ctx.engine === 'postgres' ? 'info' : 'max',
        50,
      ),
    ];
    // The in-process numbers stand even when the server does not.
    try {
      const client = await ctx.client(1);
      const http: number[] = [];
      for (const week of weeks.slice(0, 10).map(formatWeek)) {
        const res = await client.request('GET', `/api/reports/weekly?week=${week}`);
        if (res.status !== 200) throw new Error(`GET /api/reports/weekly?week=${week} → ${res.status}: ${res.body.slice(0, 200)}`);
        http.push(res.ms);
      }
      out.push(metric('weekly', 'GET /api/reports/weekly p95', 'ms', percentile(http, 95), 'info', Number.NaN));
    } catch (err) {
      out.push(failed('weekly', err, (m) => ctx.log(m)));
    }
    return out;
  },
};
