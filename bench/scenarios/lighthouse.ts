import { loadavg } from 'node:os';
import lighthouse, { type Result } from 'lighthouse';
import { formatWeek, weekOfDay, mondayOf } from '@/lib/time/iso-week';
import { LAST_DAY } from '../data/acled-generator';
import { launchDevtoolsChromium } from '../lib/devtools-chromium';
import { metric, type Metric } from '../lib/metric';
import type { Scenario } from './types';

/** The newest ISO week the data set covers from Monday to Sunday: a full brief, not a partial one. */
export const BRIEF_WEEK = formatWeek(weekOfDay(mondayOf(LAST_DAY) - 1));

/** The issue's three pages, each opened as a new visit would: no filter in the URL. */
export const LIGHTHOUSE_PAGES: { label: string; path: string }[] = [
  { label: '/', path: '/' },
  { label: '/reports/weekly', path: '/reports/weekly' },
  { label: `/reports/weekly/${BRIEF_WEEK}`, path: `/reports/weekly/${BRIEF_WEEK}` },
];

/** The long-tasks audit's rows (the report types its details as a union of every audit's). */
type TaskRow = { url?: string; duration?: number };

/** What the bench reports of one Lighthouse run (lhr), in the units of docs/benchmarks.md. */
export function lighthouseMetrics(label: string, lhr: Pick<Result, 'categories' | 'audits'>): Metric[] {
  const a = (id: string): Result['audits'][string] => {
    const audit = lhr.audits[id];
    if (!audit) throw new Error(`${label}: Lighthouse report has no "${id}" audit`);
    return audit;
  };
  const score = lhr.categories.performance?.score;
  if (score === null || score === undefined) throw new Error(`${label}: Lighthouse gave no performance score`);
  // The long-tasks audit lists tasks of 50 ms or more (in simulated mobile CPU time); none → under 50.
  const details = a('long-tasks').details;
  const tasks = (details && 'items' in details ? details.items : []) as TaskRow[];
  const longest = tasks.reduce((best, t) => ((t.duration ?? 0) > (best?.duration ?? 0) ? t : best), tasks[0]);
  const longestMs = longest?.duration ?? 0;
  const where = longest?.url ? new URL(longest.url, 'http://x').pathname : 'no task ≥ 50 ms';
  return [
    metric('lighthouse', `${label}: performance score (mobile)`, '', Math.round(score * 100), 'min', 90),
    metric('lighthouse', `${label}: longest main-thread task`, 'ms', longestMs, 'max', 200, { note: where }),
    metric('lighthouse', `${label}: LCP`, 'ms', a('largest-contentful-paint').numericValue ?? Number.NaN, 'info', 0),
    metric('lighthouse', `${label}: TBT`, 'ms', a('total-blocking-time').numericValue ?? Number.NaN, 'info', 0),
    metric('lighthouse', `${label}: CLS`, '', a('cumulative-layout-shift').numericValue ?? Number.NaN, 'info', 0),
    metric('lighthouse', `${label}: DOM elements`, '', a('dom-size').numericValue ?? Number.NaN, 'info', 0),
  ];
}

/**
 * One Lighthouse run on a fresh browser (no cache, service worker or compiled code carried over).
 * A run Lighthouse itself reports as broken (NO_NAVSTART and the like, seen on a loaded machine) is
 * repeated once; a second failure fails the scenario.
 */
async function auditPage(base: string, page: { label: string; path: string }, token: string, log: (s: string) => void): Promise<Metric[]> {
  for (let attempt = 1; ; attempt++) {
    const chromium = await launchDevtoolsChromium();
    try {
      const result = await lighthouse(`${base}${page.path}`, {
        port: chromium.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance'],
        extraHeaders: { Authorization: `Bearer ${token}` },
      });
      if (!result) throw new Error(`${page.label}: Lighthouse returned nothing`);
      const { lhr } = result;
      if (lhr.runtimeError) {
        const message = `${page.label}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`;
        if (attempt === 1) {
          log(`lighthouse ${message}; once more`);
          continue;
        }
        throw new Error(message);
      }
      const landed = new URL(lhr.finalDisplayedUrl).pathname;
      if (landed !== page.path) throw new Error(`${page.label}: ended on ${landed} (not signed in?)`);
      const ms = lighthouseMetrics(page.label, lhr);
      log(
        `lighthouse ${page.label}: ${ms.map((m) => `${m.name.slice(page.label.length + 2)} ${+m.value.toFixed(3)}${m.unit}`).join(', ')}`,
      );
      return ms;
    } finally {
      await chromium.close();
    }
  }
}

/**
 * Lighthouse 12, mobile preset (Moto G Power viewport, simulated slow 4G and 4× CPU slowdown: the
 * defaults), performance category only, on the production build signed in with the bench token.
 * One Lighthouse run per page per bench run; the harness's medians over --runs are the results.
 * The simulation scales the trace observed on this machine, so other load lowers the score: the
 * 1-minute load average at the start of each run is reported beside it.
 */
export const lighthouseScenario: Scenario = {
  name: 'lighthouse',
  async run(ctx) {
    const base = await ctx.baseUrl();
    const out: Metric[] = [metric('lighthouse', 'machine load average (1 min) at start', '', loadavg()[0], 'info', 0)];
    for (const page of LIGHTHOUSE_PAGES) {
      // The server's first render of a page (module load, caches) is not what a browser measures.
      const warm = await fetch(`${base}${page.path}`, { headers: { authorization: `Bearer ${ctx.token}` }, redirect: 'manual' });
      if (warm.status !== 200) throw new Error(`${page.label}: GET → ${warm.status}`);
      await warm.arrayBuffer();
      out.push(...(await auditPage(base, page, ctx.token, (s) => ctx.log(s))));
    }
    return out;
  },
};
