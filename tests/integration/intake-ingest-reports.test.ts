import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
  it('stores each item once with its draft and spans, and announces it in the outbox', () => {
    const first = ingestReports(t.db, [item(0, 'https://dawn.example/a'), item(1, null)], ctx);
    expect(first).toEqual({ created: [1, 2], duplicates: 0 });
    const again = ingestReports(t.db, [item(0, 'https://dawn.example/a'), item(2, 'https://geo.example/b')], ctx);
    expect(again).toEqual({ created: [3], duplicates: 1 });

    const r = getReport(t.db, 1)!;
    expect(r).toMatchObject({ status: 'new', isIncident: true, sourceName: LABELLED_REPORTS[0].outlet, region: 'kp' });
    expect(r.draft).toMatchObject({ country: 'PK', admin2: 'Dera Ismail Khan', group: 'ttp', sources: ['https://dawn.example/a'] });
    const analysed = `${r.title}\n${r.text}`;
    for (const s of r.spans) expect(analysed.slice(s.start, s.end)).toBe(s.text);
    const outbox = t.db.$client.prepare("SELECT ref_id FROM events WHERE type = 'report' ORDER BY seq").pluck().all();
    expect(outbox).toEqual([1, 2, 3]);
  });
});
