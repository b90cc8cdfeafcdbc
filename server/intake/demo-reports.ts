import type { Store } from '@/db/store';
import { syntheticReports, type SyntheticReport } from '@/lib/intake/synthetic/generate';
import { ingestReports } from './ingest-reports';
import { registerSyntheticSource } from './synthetic-source';

/**
 * The demo's news feed. It is disabled and its URL serves nothing: its reports are written
 * straight through ingestReports when the demo is seeded, so the scheduler must never poll it
 * (an enabled source with no server behind it would only show a connection error). The row
 * exists so the demo's reports have a source, labelled synthetic, to filter the queue by.
 */
export const DEMO_FEED = {
  name: 'Synthetic news feed (demo)',
  url: 'http://127.0.0.1/synthetic/demo-feed.xml',
  pollMinutes: 1440,
  enabled: false,
} as const;

/**
 * Chosen so the 30 reports show what triage handles: all four regions, every kind of event, the
 * same story from two outlets, a rising toll, a claim and a denial, and non-events; and so that
 * ingest links each second outlet's story to the first and no story to another event's (the seed
 * test holds both). Which stories a seed gives does not depend on the clock.
 */
export const DEMO_REPORT_SEED = 20261208;
export const DEMO_REPORT_COUNT = 30;
const DAY_MS = 86_400_000;

export interface DemoReportsResult {
  sourceId: number;
  created: number;
  /** Items already stored (a second run): their synthetic GUIDs do not depend on the clock. */
  duplicates: number;
}

/** The demo feed's reports as of `now`: published over the four days before it. */
export function demoReports(ctx: { now: number; timeZone: string }): SyntheticReport[] {
  return syntheticReports({
    seed: DEMO_REPORT_SEED,
    timeZone: ctx.timeZone,
    count: DEMO_REPORT_COUNT,
    from: ctx.now - 4 * DAY_MS,
    to: ctx.now - 10 * 60_000,
    keyPrefix: 'demo',
  });
}

/**
 * Ingests the demo's synthetic reports, published over the four days before `now`, through the
 * same path as every other report (extraction, duplicates, candidates, the live `report` event).
 * Running it again creates nothing: the GUIDs are `synthetic:demo/1…30` whatever the clock.
 */
export async function seedDemoReports(store: Store, ctx: { now: number; timeZone: string }): Promise<DemoReportsResult> {
  const sourceId = (await registerSyntheticSource(store, DEMO_FEED, 'demo-seed', ctx.now)).id;
  const items = demoReports(ctx).map((r) => ({
    sourceId,
    itemKey: r.itemKey,
    title: r.title,
    text: r.text,
    url: r.url,
    publishedAt: r.publishedAt,
    sourceName: r.sourceName,
  }));
  const r = await ingestReports(store, items, ctx);
  return { sourceId, created: r.created.length, duplicates: r.duplicates };
}
