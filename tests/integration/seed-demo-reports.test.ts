// @engines sqlite postgres
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { asc, count, sql, type SQL } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { events, reports, sources } from '@/db/schema';
import { getReport } from '@/db/queries/reports';
import { DEMO_FEED, DEMO_REPORT_COUNT, demoReports, seedDemoReports } from '@/server/intake/demo-reports';
import { useTempDb, type TempDb } from '../support/api-db';

const run = promisify(execFile);
const NOW = Date.parse('2026-12-06T06:00:00Z');
const ctx = { now: NOW, timeZone: 'Asia/Karachi' };
let t: TempDb;
beforeEach(async () => {
  t = await useTempDb();
});
afterEach(() => t.cleanup());

const n = async (table: typeof reports | typeof sources | typeof events, where?: SQL) =>
  (await builder(t.store).select({ n: count() }).from(table).where(where))[0].n;

describe('seedDemoReports', () => {
  it('stores the demo feed as a disabled synthetic source and its reports through the normal ingest', async () => {
    const r = await seedDemoReports(t.store, ctx);
    expect(r.created).toBe(DEMO_REPORT_COUNT);
    const [source] = await builder(t.store).select().from(sources);
    expect(source).toMatchObject({ id: r.sourceId, name: DEMO_FEED.name, synthetic: true, enabled: false, nextFetchAt: null });
    expect(await n(reports, sql`${reports.sourceId} = ${r.sourceId} AND ${reports.status} = 'new'`)).toBe(DEMO_REPORT_COUNT);
    // Every report was announced to open pages, as a pasted or fetched one is.
    expect(await n(events, sql`${events.type} = 'report' AND ${events.action} = 'created'`)).toBe(DEMO_REPORT_COUNT);
    const ids = await builder(t.store).select({ id: reports.id }).from(reports).orderBy(asc(reports.id));
    const items = await Promise.all(ids.map(async (row) => (await getReport(t.store, row.id))!));
    for (const item of items) {
      expect(item.title).toMatch(/\[synthetic\]$/);
      expect(Date.parse(item.publishedAt!)).toBeGreaterThanOrEqual(NOW - 4 * 86_400_000);
      expect(Date.parse(item.publishedAt!)).toBeLessThan(NOW);
    }
    // A first look at /triage shows located, typed drafts, and a few non-events set apart.
    const incidents = items.filter((i) => i.isIncident);
    expect(incidents.length).toBeGreaterThanOrEqual(20);
    expect(incidents.every((i) => i.region !== null && i.draft.lat !== null && i.draft.subEventType !== null)).toBe(true);
    expect(items.some((i) => !i.isIncident)).toBe(true);
  });

  it('shows what triage handles: every region and kind, two outlets, follow-ups, non-events, whatever the clock', () => {
    for (const now of [NOW, NOW + 400 * 86_400_000]) {
      const truth = demoReports({ ...ctx, now }).map((r) => r.truth);
      const roles = truth.map((x) => x.role);
      expect(new Set(truth.map((x) => x.region))).toEqual(new Set(['kp', 'balochistan', 'barmal', 'tajikistan']));
      expect(new Set(truth.map((x) => x.kind)).size).toBe(9);
      expect(roles.filter((r) => r === 'second-outlet').length).toBeGreaterThanOrEqual(2);
      for (const role of ['toll-rises', 'claim', 'denial'] as const) expect(roles).toContain(role);
      expect(truth.filter((x) => !x.isIncident).length).toBeGreaterThanOrEqual(3);
    }
  });

  it.each([NOW, NOW + 37 * 86_400_000])(
    'links each story told twice to its first report, and no story to another event (now %i)',
    async (now) => {
      await seedDemoReports(t.store, { ...ctx, now });
      const truth = new Map(demoReports({ ...ctx, now }).map((r) => [r.itemKey, r.truth]));
      const rows = await builder(t.store).select().from(reports).orderBy(asc(reports.id));
      const eventOf = new Map(rows.map((r) => [r.id, truth.get(r.itemKey!)!.eventId]));
      // A failure here after a change to the near-duplicate rules: choose another DEMO_REPORT_SEED.
      for (const r of rows) {
        const story = truth.get(r.itemKey!)!;
        if (r.duplicateOf !== null) expect(eventOf.get(r.duplicateOf), `${r.title} is linked to another event`).toBe(story.eventId);
        if (story.role === 'second-outlet') expect(r.duplicateOf, `${r.title} is not linked to its first report`).not.toBeNull();
      }
    },
  );

  it('creates nothing on a later start: the GUIDs do not depend on the clock', async () => {
    const first = await seedDemoReports(t.store, ctx);
    const again = await seedDemoReports(t.store, { ...ctx, now: NOW + 3 * 86_400_000 });
    expect(again).toEqual({ sourceId: first.sourceId, created: 0, duplicates: DEMO_REPORT_COUNT });
    expect(await n(sources)).toBe(1);
    expect(await n(reports)).toBe(DEMO_REPORT_COUNT);
  });

  it('`npm run seed` adds the reports from the command line, once', async () => {
    const seed = () =>
      run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/seed.ts'], {
        env: { ...process.env, DATABASE_PATH: t.path },
        timeout: 60_000,
      });
    expect((await seed()).stdout).toContain(`Synthetic demo reports: ${DEMO_REPORT_COUNT} created, 0 already stored.`);
    expect((await seed()).stdout).toContain(`Synthetic demo reports: 0 created, ${DEMO_REPORT_COUNT} already stored.`);
    expect(await n(reports)).toBe(DEMO_REPORT_COUNT);
  });
});
