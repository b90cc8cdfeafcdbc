// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { builder, transact } from '@/db/engine';
import { closeStore, openStore, type Store } from '@/db/store';
import { reports } from '@/db/schema';
import { getIncidentDetail, listClaims, listSourceRecords } from '@/db/queries/incident-provenance';
import { claimReport, countSource, linkReport, recordProvenance } from '@/db/services/incident-provenance';
import type { ReportItem } from '@/lib/intake/report-types';
import { openTestStore, type TestStore } from '../support/engine';
import { incidentBody, storeIncidents } from '../support/api-factory';

/** An incident's source records and claims ledger, and the report decision's race, on either engine. */
const NOW = Date.parse('2024-12-20T08:00:00Z');
let t: TestStore;
let incidentId: number;

beforeAll(async () => {
  t = await openTestStore();
  [incidentId] = await storeIncidents(t.store, [incidentBody({ sourceId: 'prov-1' })]);
});
afterAll(async () => {
  await t.close();
});

async function newReport(title: string): Promise<number> {
  const [row] = await builder(t.store)
    .insert(reports)
    .values({ title, text: `${title}.`, fetchedAt: NOW, isIncident: true, draft: '{}', createdAt: NOW })
    .returning({ id: reports.id });
  return row.id;
}

/** The fields of a report that provenance reads. */
const reportItem = (id: number, over: Partial<ReportItem>): ReportItem =>
  ({ id, sourceName: null, url: null, publishedAt: null, fetchedAt: new Date(NOW).toISOString(), ...over }) as ReportItem;

const figures = { killed: 3, injured: null, killedBy: { security: 3, civilians: 0, militants: 0 }, injuredBy: null };

describe('incident provenance', () => {
  it('lists source records oldest publication first, undated ones last in the order added, and claims oldest first', async () => {
    const ids = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((x) => newReport(x)));
    const reps = [
      reportItem(ids[0], { url: 'https://dawn.com/x', publishedAt: null }),
      reportItem(ids[1], { sourceName: 'Dawn', publishedAt: '2024-12-16T10:00:00Z' }),
      reportItem(ids[2], { sourceName: 'Geo', publishedAt: '2024-12-15T10:00:00Z' }),
      reportItem(ids[3], { sourceName: 'Undated two', publishedAt: null }),
      reportItem(ids[4], { sourceName: 'Geo', publishedAt: '2024-12-15T10:00:00Z' }),
    ];
    await transact(t.store, async (tx) => {
      for (const [i, r] of reps.entries()) {
        const claims =
          i === 1
            ? [{ groupId: 'ttp', kind: 'claim' as const, by: 'TTP' }]
            : i === 2
              ? [{ groupId: 'ttp', kind: 'denial' as const, by: 'TTP' }]
              : [];
        await recordProvenance(tx, incidentId, r, figures, claims, NOW);
      }
    });
    const records = await listSourceRecords(t.store, incidentId);
    expect(records.map((r) => r.outlet)).toEqual(['Geo', 'Geo', 'Dawn', 'dawn.com', 'Undated two']);
    expect(records[0]).toMatchObject({
      killed: 3,
      injured: null,
      killedBy: figures.killedBy,
      injuredBy: null,
      publishedAt: '2024-12-15T10:00:00.000Z',
    });
    const claims = await listClaims(t.store, incidentId);
    expect(claims.map((c) => c.kind)).toEqual(['denial', 'claim']);
    const detail = await getIncidentDetail(t.store, incidentId);
    expect(detail).toMatchObject({ id: incidentId, sourceId: 'prov-1' });
    expect(detail!.sourceRecords).toEqual(records);
    expect(detail!.claims).toEqual(claims);
    expect(await getIncidentDetail(t.store, 987_654)).toBeNull();
  });

  it('of decisions on one report from several instances at once, one wins and the rest are 409', async () => {
    const reportId = await newReport('race');
    const instances: Store[] = t.engine === 'postgres' ? [0, 1, 2].map(() => openStore(t.target, { poolMax: 2 })) : [t.store];
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) =>
          transact(instances[i % instances.length], async (tx) => {
            await claimReport(tx, reportId, { status: 'merged', by: `analyst-${i}`, now: NOW, incidentId });
            await linkReport(tx, reportId, incidentId);
            await countSource(tx, incidentId);
          }),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'conflict' });
      const [row] = await builder(t.store).select().from(reports).where(eq(reports.id, reportId));
      expect(row).toMatchObject({ status: 'merged', incidentId });
      expect((await getIncidentDetail(t.store, incidentId))!.sourceCount).toBe(2);
    } finally {
      if (t.engine === 'postgres') await Promise.all(instances.map((s) => closeStore(s)));
    }
    await expect(transact(t.store, (tx) => claimReport(tx, 987_654, { status: 'dismissed', by: 'x', now: NOW }))).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
