import type { Page } from '@playwright/test';
import { metric, type Metric } from '../lib/metric';
import { percentile } from '../lib/stats';

/** Filter changes measured per run (each to a type no earlier change of the run chose). */
const CHANGES = 24;
const QUIET_MS = 600;
const CHANGE_TIMEOUT_MS = 30_000;
/** The four result views a filter change repaints, by the path of the request that feeds each. */
const FEEDS = ['/api/map', '/api/incidents', '/api/incidents/timeline'] as const;

interface Painted {
  /** Input (the select's change event) → first frame after the four views were updated. */
  ms: number;
  /** Input → the last of their responses arrived. */
  dataMs: number;
  /** Input → each feed's response arrived, in FEEDS order. */
  feedMs: number[];
}

/**
 * One filter change, defined precisely: from the `change` event of the Type select to the first
 * animation frame after (a) the responses of /api/map, /api/incidents (count + first page) and
 * /api/incidents/timeline requested after the change have all arrived and (b) the last DOM change
 * those caused in the map, the count, the list and the timeline (nothing changed there for
 * QUIET_MS afterwards). Page clock throughout (bench/browser/instrument.js records it).
 */
async function changeFilter(page: Page, value: string): Promise<Painted> {
  const since = await page.evaluate(() => performance.now());
  await page.locator('label.fw-field', { hasText: 'Type' }).locator('select').selectOption(value);
  const handle = await page.waitForFunction(
    ({ since, feeds, quiet }) => {
      const fw = (
        window as unknown as {
          __fw: { inputs: { type: string; at: number }[]; viewMutations: number[]; frames: number[]; inflight: number };
        }
      ).__fw;
      if (fw.inflight > 0) return null;
      const input = fw.inputs.find((i) => i.type === 'change' && i.at >= since);
      if (!input) return null;
      const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const ends: number[] = [];
      for (const feed of feeds) {
        const hit = entries.filter((e) => e.startTime >= input.at && new URL(e.name).pathname === feed);
        if (!hit.length || hit.some((e) => e.responseEnd === 0)) return null;
        ends.push(Math.max(...hit.map((e) => e.responseEnd)));
      }
      const dataAt = Math.max(...ends);
      const lastChange = Math.max(dataAt, ...fw.viewMutations.filter((t) => t >= input.at));
      if (performance.now() - lastChange < quiet) return null;
      const frame = fw.frames.find((f) => f > lastChange);
      return frame === undefined ? null : { ms: frame - input.at, dataMs: dataAt - input.at, feedMs: ends.map((e) => e - input.at) };
    },
    { since, feeds: FEEDS, quiet: QUIET_MS },
    { timeout: CHANGE_TIMEOUT_MS, polling: 50 },
  );
  return (await handle.jsonValue()) as Painted;
}

/**
 * The dashboard over all time in Chromium: a sequence of filter changes (each a new event type,
 * so every answer is the first for its filter on the server), each until the map, count, list
 * and timeline are painted. Returns the p95 and the data-arrival p95 beside it (the part that is
 * the server's).
 */
export async function filterChangeMetrics(page: Page): Promise<Metric[]> {
  const values = await page
    .locator('label.fw-field', { hasText: 'Type' })
    .locator('select option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  const painted: Painted[] = [];
  for (const value of values.slice(0, CHANGES)) painted.push(await changeFilter(page, value));
  const p95 = percentile(
    painted.map((p) => p.ms),
    95,
  );
  const data = percentile(
    painted.map((p) => p.dataMs),
    95,
  );
  return [
    metric('browser', 'all time: filter change → map, count, list, timeline painted p95', 'ms', p95, 'max', 300, {
      baseline: { name: 'their responses arrived p95', value: data },
      note: `${painted.length} changes of the event type; median ${percentile(
        painted.map((p) => p.ms),
        50,
      ).toFixed(0)} ms; responses p95: ${FEEDS.map(
        (feed, i) =>
          `${feed} ${percentile(
            painted.map((p) => p.feedMs[i]),
            95,
          ).toFixed(0)} ms`,
      ).join(', ')}`,
    }),
  ];
}
