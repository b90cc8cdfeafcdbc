// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Store } from '@/db/store';
import type * as OutboxHead from '@/db/queries/outbox-head';
import { getMapView } from '@/server/map/map-view';
import { seedIncidentsIn, TZ } from './map-fixtures';
import { useTempDb, type TempDb } from '../support/api-db';

/** Runs once, between the map view's outbox read and its read of the points (see the test). */
let betweenReads: (() => Promise<unknown>) | null = null;
vi.mock('@/db/queries/outbox-head', async (importOriginal) => {
  const real = await importOriginal<typeof OutboxHead>();
  return {
    ...real,
    outboxHead: async (store: Store) => {
      const seq = await real.outboxHead(store);
      const hook = betweenReads;
      betweenReads = null;
      await hook?.();
      return seq;
    },
  };
});

let t: TempDb;
let db: Store;

beforeAll(async () => {
  t = await useTempDb({ timeZone: TZ });
  db = t.store;
  await seedIncidentsIn(db, 40, { start: '2024-01-01' });
});
afterAll(() => t.cleanup());

describe('map view', () => {
  // On PostgreSQL a POST commits between the view's two reads whenever they race (the e2e pass on
  // PostgreSQL showed the map's total one above the list's after an incident posted while the
  // dashboard opened): its index then holds the incident, and the next request added it again.
  it('draws an incident created while its index was built once, and counts it once', async () => {
    let created: number[] = [];
    betweenReads = async () => (created = await seedIncidentsIn(db, 1, { start: '2024-03-01' }));
    const first = await getMapView(db, {});
    expect(created).toHaveLength(1);
    expect(first.indexed).toBe(41);

    const next = await getMapView(db, {});
    const ids = [...next.points, ...next.extra].map((p) => p.id);
    expect(next.indexed + next.extra.length).toBe(41);
    expect(new Set(ids).size).toBe(ids.length);

    // One more, created after the build, still arrives beside the index.
    const [later] = await seedIncidentsIn(db, 1, { start: '2024-04-01' });
    const third = await getMapView(db, {});
    expect(third.extra.map((p) => p.id)).toEqual([later]);
    expect(third.indexed + third.extra.length).toBe(42);
  });
});
