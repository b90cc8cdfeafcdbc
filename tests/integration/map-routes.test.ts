// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@/db/store';
import { listIncidents } from '@/db/queries/incidents';
import { incidentFilterSchema } from '@/lib/validation/incident-filter';
import type { Facets } from '@/db/queries/facets';
import type { Timeline } from '@/db/queries/timeline';
import type { MapFeature } from '@/lib/map/cluster';
import { seedIncidentsIn, TZ } from './map-fixtures';
import { useTempDb, type TempDb } from '../support/api-db';
import { authHeader, withCredentials } from '../support/auth';

let t: TempDb;
let db: Store;
let facetsGET: (req: Request) => Promise<Response>;
let timelineGET: (req: Request) => Promise<Response>;
let mapGET: (req: Request) => Promise<Response>;

beforeAll(async () => {
  t = await useTempDb({ timeZone: TZ });
  db = t.store;
  await seedIncidentsIn(db, 120, { start: '2024-01-01' });
  await seedIncidentsIn(db, 30, { start: '2024-06-01', dataset: 'demo' });
  facetsGET = withCredentials((await import('@/app/api/incidents/facets/route')).GET, await authHeader(db));
  timelineGET = withCredentials((await import('@/app/api/incidents/timeline/route')).GET, await authHeader(db));
  mapGET = withCredentials((await import('@/app/api/map/route')).GET, await authHeader(db));
});
afterAll(() => t.cleanup());

const get = async <T>(handler: (req: Request) => Promise<Response>, path: string, qs: string) => {
  const res = await handler(new Request(`http://127.0.0.1/api/${path}?${qs}`));
  return { status: res.status, body: (await res.json()) as T };
};

const FILTERS = [
  '',
  'group=ttp',
  'group=ttp,bla&region=kp',
  'from=2024-02-01&to=2024-05-31',
  'type=Suicide bomb&minKilled=2',
  'region=tajikistan&from=2024-03-01T00:00:00Z',
  'q=Quetta',
];

describe('facets, timeline and map agree with listIncidents', () => {
  for (const qs of FILTERS) {
    it(`filter "${qs || '(none)'}"`, async () => {
      const filter = incidentFilterSchema.parse({ ...Object.fromEntries(new URLSearchParams(qs)), limit: '1' });
      const expected = (await listIncidents(db, filter)).total;

      const facets = await get<Facets>(facetsGET, 'incidents/facets', qs);
      expect(facets.status).toBe(200);
      expect(facets.body.total).toBe(expected);
      expect(facets.body.choropleth.reduce((s, r) => s + r.count, 0)).toBeLessThanOrEqual(expected);
      if (!filter.group) expect(facets.body.groups.reduce((s, g) => s + g.count, 0)).toBe(expected);
      if (!filter.type) expect(facets.body.eventTypes.reduce((s, g) => s + g.count, 0)).toBe(expected);

      const timeline = await get<Timeline>(timelineGET, 'incidents/timeline', qs);
      expect(timeline.status).toBe(200);
      expect(timeline.body.bins.reduce((s, b) => s + b.count, 0)).toBe(expected);

      for (const zoom of [0, 6, 16]) {
        const map = await get<{ total: number; features: MapFeature[] }>(mapGET, 'map', `${qs}&zoom=${zoom}&bbox=-180,-90,180,90`);
        expect(map.status).toBe(200);
        expect(map.body.total).toBe(expected);
        expect(map.body.features.length).toBeLessThanOrEqual(500);
        expect(map.body.features.reduce((s, f) => s + (f.t === 'c' ? f.n : 1), 0)).toBe(expected);
      }
    });
  }

  it('counts the demo rows in the filter', async () => {
    const all = await get<Facets>(facetsGET, 'incidents/facets', '');
    expect(all.body.demo).toBe(30);
    const before = await get<Facets>(facetsGET, 'incidents/facets', 'to=2024-05-31');
    expect(before.body.demo).toBe(0);
  });

  it('uses weekly bins for long spans and daily bins for short ones', async () => {
    const long = await get<Timeline>(timelineGET, 'incidents/timeline', 'from=2024-01-01&to=2024-12-31');
    expect(long.body.bucket).toBe('week');
    expect(long.body.bins.every((b) => new Date(`${b.start}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    const short = await get<Timeline>(timelineGET, 'incidents/timeline', 'from=2024-01-01&to=2024-01-31');
    expect(short.body.bucket).toBe('day');
    expect(short.body.bins).toHaveLength(31);
  });

  it('a viewport only returns what lies inside it, and the index follows new writes', async () => {
    const quetta = await get<{ features: MapFeature[] }>(mapGET, 'map', 'zoom=10&bbox=66.5,29.5,67.5,30.5');
    expect(quetta.body.features.length).toBeGreaterThan(0);
    for (const f of quetta.body.features) expect(f.lon).toBeGreaterThan(66.5);
    type MapBody = { total: number; features: MapFeature[] };
    const members = (b: MapBody) => b.features.reduce((s, f) => s + (f.t === 'c' ? f.n : 1), 0);
    const before = (await get<MapBody>(mapGET, 'map', 'zoom=3')).body.total;
    // New incidents are in the clusters at once (the incident index catches up on every read)…
    const added = await seedIncidentsIn(db, 2, { start: '2025-01-01' });
    const after = (await get<MapBody>(mapGET, 'map', 'zoom=3')).body;
    expect(after.total).toBe(before + 2);
    expect(members(after)).toBe(before + 2);
    // …and drawn as themselves where points show (the only incidents of 2025 here).
    const points = (await get<MapBody>(mapGET, 'map', 'zoom=16&from=2025-01-01')).body;
    expect(points.features.map((f) => f.t === 'p' && f.id).sort()).toEqual([...added].sort());
    // An update replaces the row: every row is still counted once.
    await seedIncidentsIn(db, 2, { start: '2025-01-01', override: { killed: 40 } });
    const rebuilt = (await get<MapBody>(mapGET, 'map', 'zoom=3&minKilled=40')).body;
    expect(rebuilt.total).toBe(2);
    const all = (await get<MapBody>(mapGET, 'map', 'zoom=3')).body;
    expect(all.total).toBe(before + 2);
    expect(members(all)).toBe(before + 2);
  });

  it('rejects bad parameters with 400 naming them', async () => {
    for (const [handler, path, qs] of [
      [mapGET, 'map', 'zoom=99'],
      [mapGET, 'map', 'bbox=1,2,3'],
      [facetsGET, 'incidents/facets', 'region=mars'],
      [timelineGET, 'incidents/timeline', 'from=yesterday'],
      [facetsGET, 'incidents/facets', 'bogus=1'],
    ] as const) {
      const res = await get<{ error: { code: string; message: string } }>(handler, path, qs);
      expect(res.status, `${path}?${qs}`).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
  });
});
