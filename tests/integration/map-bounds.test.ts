// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@/db/store';
import { listIncidents } from '@/db/queries/incidents';
import { incidentFilterSchema } from '@/lib/validation/incident-filter';
import type { GeoBounds } from '@/lib/map/bounds';
import { seedIncidentsIn, TZ } from './map-fixtures';
import { useTempDb, type TempDb } from '../support/api-db';
import { authHeader, withCredentials } from '../support/auth';

type BoundsBody = { total: number; bounds: GeoBounds | null };
let t: TempDb;
let db: Store;
let boundsGET: (req: Request) => Promise<Response>;

beforeAll(async () => {
  t = await useTempDb({ timeZone: TZ });
  db = t.store;
  await seedIncidentsIn(db, 60, { start: '2024-01-01' });
  boundsGET = withCredentials((await import('@/app/api/incidents/bounds/route')).GET, await authHeader(db));
});
afterAll(() => t.cleanup());

const get = async <T>(qs: string) => {
  const res = await boundsGET(new Request(`http://127.0.0.1/api/incidents/bounds?${qs}`));
  return { status: res.status, body: (await res.json()) as T };
};

/** The box of every match, read through the list API page by page (the oracle). */
async function expectedBounds(qs: string): Promise<{ total: number; bounds: GeoBounds | null }> {
  const params = Object.fromEntries(new URLSearchParams(qs));
  let cursor: string | undefined;
  let b: GeoBounds | null = null;
  let total = 0;
  do {
    const page = await listIncidents(db, incidentFilterSchema.parse({ ...params, limit: '100', ...(cursor ? { cursor } : {}) }));
    total = page.total;
    for (const i of page.items) {
      b = b
        ? { west: Math.min(b.west, i.lon), south: Math.min(b.south, i.lat), east: Math.max(b.east, i.lon), north: Math.max(b.north, i.lat) }
        : { west: i.lon, south: i.lat, east: i.lon, north: i.lat };
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { total, bounds: b };
}

describe('GET /api/incidents/bounds', () => {
  // Peshawar, Bannu, Quetta, Gwadar and Bokhtar take turns in the fixtures: each filter picks a different box.
  for (const qs of ['', 'region=kp', 'region=tajikistan', 'group=bla&region=balochistan', 'q=Quetta', 'minKilled=99']) {
    it(`holds every match of "${qs || '(no filter)'}", whatever the viewport`, async () => {
      const want = await expectedBounds(qs);
      // The viewport parameters /api/map takes are accepted and do not narrow the answer.
      const res = await get<BoundsBody>(`${qs}&zoom=12&bbox=71,33,72,34`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(want);
    });
  }

  it('covers incidents created after the index was built', async () => {
    const before = (await get<BoundsBody>('region=tajikistan')).body;
    expect(before.bounds?.north).toBeCloseTo(37.837, 3);
    await seedIncidentsIn(db, 1, {
      start: '2025-03-01',
      override: { country: 'TJ', admin1: 'Sughd', location: 'Khujand', lat: 40.283, lon: 69.622 },
    });
    const after = (await get<BoundsBody>('region=tajikistan')).body;
    expect(after.total).toBe(before.total + 1);
    expect(after.bounds).toEqual({ ...before.bounds, north: 40.283, east: 69.622 });
  });

  it('rejects a bad filter with 400', async () => {
    const res = await get<{ error: { code: string } }>('region=mars');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
  });
});
