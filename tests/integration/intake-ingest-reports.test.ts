// @engines sqlite postgres
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { events, reports } from '@/db/schema';
import { closeStore, openStore } from '@/db/store';
import { useTempDb, type TempDb } from '../support/api-db';
import { ingestReports, type IncomingReport } from '@/server/intake/ingest-reports';
import { getReport } from '@/db/queries/reports';
import { LABELLED_REPORTS } from '../fixtures/intake/reports/index';

let t: TempDb;
beforeEach(async () => {
  t = await useTempDb();
});
afterEach(() => t.cleanup());

const ctx = { timeZone: 'Asia/Karachi', now: Date.parse('2026-01-01T00:00:00Z') };
const item = (i: number, key: string | null): IncomingReport => {
  const r = LABELLED_REPORTS[i];
  return { sourceId: null, itemKey: key, title: r.title, text: r.text, url: key, publishedAt: r.publishedAt, sourceName: r.outlet };
};

describe('ingestReports', () => {
  it('stores each item once with its draft and spans, and announces it in the outbox', async () => {
    const first = await ingestReports(t.store, [item(0, 'https://dawn.example/a'), item(1, null)], ctx);
    expect(first).toEqual({ created: [1, 2], duplicates: 0 });
    const again = await ingestReports(t.store, [item(0, 'https://dawn.example/a'), item(2, 'https://geo.example/b')], ctx);
    expect(again).toEqual({ created: [3], duplicates: 1 });

    const r = (await getReport(t.store, 1))!;
    expect(r).toMatchObject({ status: 'new', isIncident: true, sourceName: LABELLED_REPORTS[0].outlet, region: 'kp' });
    expect(r.draft).toMatchObject({ country: 'PK', admin2: 'Dera Ismail Khan', group: 'ttp', sources: ['https://dawn.example/a'] });
    const analysed = `${r.title}\n${r.text}`;
    for (const s of r.spans) expect(analysed.slice(s.start, s.end)).toBe(s.text);
    const outbox = await builder(t.store)
      .select({ refId: events.refId })
      .from(events)
      .where(eq(events.type, 'report'))
      .orderBy(asc(events.seq));
    expect(outbox.map((e) => e.refId)).toEqual([1, 2, 3]);
  });

  it('stores an item polled by several instances at once exactly once', async () => {
    // On PostgreSQL each store is its own pool, as two app instances are. A SQLite process has one
    // connection: a second one in the same thread would wait on the file lock while the first
    // one's transaction cannot resume, so there the concurrent polls share the store.
    const instances =
      t.engine === 'postgres' ? [t.store, openStore(t.path, { poolMax: 2 }), openStore(t.path, { poolMax: 2 })] : [t.store, t.store];
    try {
      const batch = [item(0, 'https://dawn.example/same'), item(3, 'https://geo.example/same')];
      const results = await Promise.all(instances.flatMap((s) => [ingestReports(s, batch, ctx), ingestReports(s, batch, ctx)]));
      expect(results.reduce((n, r) => n + r.created.length, 0)).toBe(2);
      expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(results.length * 2 - 2);
      const stored = await builder(t.store).select({ key: reports.itemKey }).from(reports).orderBy(asc(reports.itemKey));
      expect(stored.map((r) => r.key)).toEqual(['https://dawn.example/same', 'https://geo.example/same']);
      const announced = await builder(t.store).select({ refId: events.refId }).from(events).where(eq(events.type, 'report'));
      expect(announced).toHaveLength(2);
    } finally {
      await Promise.all(instances.filter((s) => s !== t.store).map((s) => closeStore(s)));
    }
  });
});
