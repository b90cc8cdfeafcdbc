// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count as countRows, sql, type SQL } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { events, incidents } from '@/db/schema';
import { generateDemoIncidents } from '@/lib/demo/generate';
import { seedDemoData, seedIfEmpty } from '@/db/services/demo-seed';
import { openTestStore, type TestStore } from '../support/engine';

const NOW = Date.parse('2026-11-25T12:00:00Z');
let t: TestStore;
beforeAll(async () => {
  t = await openTestStore({ timeZone: 'Asia/Karachi' });
});
afterAll(async () => {
  await t.close();
});

const count = async (where: SQL = sql`1 = 1`) => (await builder(t.store).select({ n: countRows() }).from(incidents).where(where))[0].n;

describe('seedIfEmpty', () => {
  it('writes the whole demo set into an empty database, all dataset=demo, with outbox events', async () => {
    const expected = generateDemoIncidents({ now: NOW }).length;
    expect(await seedIfEmpty(t.store, { now: NOW })).toBe(expected);
    expect(await count()).toBe(expected);
    expect(await count(sql`${incidents.dataset} = 'demo' AND ${incidents.source} = 'demo'`)).toBe(expected);
    const [{ n }] = await builder(t.store)
      .select({ n: countRows() })
      .from(events)
      .where(sql`${events.type} = 'incident'`);
    expect(n).toBe(expected);
  });

  it('stores the calibrated totals and regions', async () => {
    const pk2024 = sql`${incidents.country} = 'PK' AND ${incidents.occurredAt} >= ${Date.UTC(2024, 0, 1)} AND ${incidents.occurredAt} < ${Date.UTC(2025, 0, 1)}`;
    expect(await count(pk2024)).toBe(521);
    expect((await count(sql`${pk2024} AND ${incidents.region} IN ('kp', 'balochistan')`)) / 521).toBeGreaterThanOrEqual(0.95);
    expect(await count(sql`${incidents.region} = 'barmal' AND ${incidents.timePrecision} = 3`)).toBe(1);
  });

  it('writes nothing when the table already has rows', async () => {
    expect(await seedIfEmpty(t.store, { now: NOW })).toBe(0);
  });

  it('re-seeding upserts by stable id: nothing changes for the same now', async () => {
    const r = await seedDemoData(t.store, { now: NOW });
    expect(r).toMatchObject({ inserted: 0, updated: 0 });
    expect(r.unchanged).toBe(await count());
  });
});
