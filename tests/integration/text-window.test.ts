// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builder, transact } from '@/db/engine';
import { events, incidents } from '@/db/schema';
import type { Store } from '@/db/store';
import { indexedFilter } from '@/db/queries/incident-index';
import { viewFilterSchema } from '@/lib/filters/schema';
import { countMatching } from '@/lib/incident-index/query';
import { dayToDate } from '@/lib/time/zone';
import { openTestStore, testEngine, type TestStore } from '../support/engine';

/**
 * A free-text filter with a time window: PostgreSQL narrows its search to the window (the GIN
 * search reads a heap row per match), and keeps one cached answer per query and window. Every
 * window must still count exactly what the filter matches, whichever window was asked first.
 */
let t: TestStore;
let store: Store;
const DAY = 20_000;

beforeAll(async () => {
  t = await openTestStore({ timeZone: 'Asia/Karachi' });
  store = t.store;
  await transact(store, async (tx) => {
    const values = Array.from({ length: 60 }, (_, i) => ({
      source: 'text-window',
      sourceId: `t-${i}`,
      // Day DAY + i; noon local time (UTC+5), so the instant and the local date agree.
      occurredAt: (DAY + i) * 86_400_000 + 7 * 3_600_000,
      occurredDay: DAY + i,
      country: 'PK',
      lat: 33,
      lon: 70,
      region: 'kp',
      eventType: 'Battles',
      subEventType: 'Armed clash',
      groupId: 'ttp',
      // Every third row mentions Bannu.
      notes: i % 3 === 0 ? `Clash near Bannu ${i}` : `Clash near Quetta ${i}`,
      createdAt: 0,
      updatedAt: 0,
    }));
    const ids = (await builder(tx).insert(incidents).values(values).returning({ id: incidents.id })).map((r) => r.id);
    await builder(tx)
      .insert(events)
      .values(ids.map((refId) => ({ type: 'incident' as const, refId, action: 'created', createdAt: 0 })));
  });
});
afterAll(() => t.close());

const count = async (p: Record<string, string>) => {
  const { index, f } = await indexedFilter(store, viewFilterSchema.parse(p));
  return countMatching(index, f);
};

describe(`free text within a time window on ${testEngine}`, () => {
  it('counts the matches inside each window, whichever window was asked first', async () => {
    const day = (k: number) => dayToDate(DAY + k);
    // Days 0..29: matches on days 0, 3, …, 27 (10); days 30..59: 30, …, 57 (10).
    expect(await count({ q: 'bannu', from: day(0), to: day(29) })).toBe(10);
    expect(await count({ q: 'bannu', from: day(30), to: day(59) })).toBe(10);
    expect(await count({ q: 'bannu', from: day(30) })).toBe(10);
    expect(await count({ q: 'bannu', to: day(2) })).toBe(1);
    expect(await count({ q: 'bannu' })).toBe(20);
    // Asked again in another order (the cached answers per window): the same counts.
    expect(await count({ q: 'bannu', from: day(0), to: day(29) })).toBe(10);
    expect(await count({ q: 'bannu', from: day(3), to: day(3) })).toBe(1);
    expect(await count({ q: 'quetta', from: day(0), to: day(29) })).toBe(20);
  });

  it('an instant bound narrows like the same bound applied in memory', async () => {
    // From noon local time of day 3 (inclusive): days 3..59, Bannu on 3, 6, …, 57 (19).
    const at = new Date((DAY + 3) * 86_400_000 + 7 * 3_600_000).toISOString();
    expect(await count({ q: 'bannu', from: at })).toBe(19);
    expect(await count({ q: 'bannu', from: at, to: dayToDate(DAY + 5) })).toBe(1);
  });
});
