// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '@/db/engine';
import type { Store } from '@/db/store';
import type { Facets } from '@/db/queries/facets';
import type { IncidentPage } from '@/db/queries/incidents';
import type { Timeline } from '@/db/queries/timeline';
import { saveIncident } from '@/db/services/incident-writes';
import type { MapResponse } from '@/hooks/queries';
import { viewFilterSchema } from '@/lib/filters/schema';
import { incidentInputSchema, type IncidentInput } from '@/lib/incidents/input';
import { addToFacets, addToFirstPage, addToMap, addToTimeline } from '@/lib/live/patch-incident';
import { filterParamsFromSearch } from '@/lib/validation/incident-filter';
import { authHeader, withCredentials } from '../support/auth';
import { QUETTA_CLASH, seedIncidentsIn, TZ } from './map-fixtures';
import { useTempDb, type TempDb } from '../support/api-db';

// What the dashboard patches from an SSE event must equal what the API answers after the write.
let t: TempDb;
let db: Store;
type Handler = (req: Request) => Promise<Response>;
const h: Record<'list' | 'facets' | 'timeline' | 'map', Handler> = {} as never;

beforeAll(async () => {
  t = await useTempDb({ timeZone: TZ });
  db = t.store;
  await seedIncidentsIn(db, 60, { start: '2024-01-01' });
  const auth = await authHeader(db);
  h.list = withCredentials((await import('@/app/api/incidents/route')).GET, auth);
  h.facets = withCredentials((await import('@/app/api/incidents/facets/route')).GET, auth);
  h.timeline = withCredentials((await import('@/app/api/incidents/timeline/route')).GET, auth);
  h.map = withCredentials((await import('@/app/api/map/route')).GET, auth);
});
afterAll(() => t.cleanup());

async function get<T>(handler: Handler, path: string, qs: string): Promise<T> {
  const res = await handler(new Request(`http://127.0.0.1/api/${path}?${qs}`));
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

const BBOX = '60,24,75,38';
const LIMIT = 10;
async function views(qs: string) {
  const amp = qs ? `${qs}&` : '';
  return {
    list: await get<IncidentPage>(h.list, 'incidents', `${amp}limit=${LIMIT}`),
    facets: await get<Facets>(h.facets, 'incidents/facets', qs),
    timeline: await get<Timeline>(h.timeline, 'incidents/timeline', qs),
    map: await get<MapResponse>(h.map, 'map', `${amp}bbox=${BBOX}&zoom=6`),
  };
}

/** Facet rows with equal counts come back in no particular order. */
const byValue = (f: Facets) =>
  Object.fromEntries(
    Object.entries(f).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort((a, b) => String(a.value).localeCompare(String(b.value))) : v]),
  );

const base: Partial<IncidentInput> = { ...QUETTA_CLASH, killed: 4 };
/** `timelineRefetch`: the daily span turns weekly, which only a refetch can tell. */
const CASES: { name: string; qs: string; incident: Partial<IncidentInput>; timelineRefetch?: true }[] = [
  { name: 'newest incident, no filter', qs: '', incident: { occurredAt: '2024-12-30T10:00:00Z' }, timelineRefetch: true },
  { name: 'inside a group + region filter', qs: 'group=bla&region=balochistan', incident: { occurredAt: '2024-03-05T10:00:00Z' } },
  { name: 'outside the group filter (other facets still move)', qs: 'group=ttp', incident: { occurredAt: '2024-02-10T10:00:00Z' } },
  { name: 'older than the first page', qs: 'from=2024-01-01&to=2024-12-31', incident: { occurredAt: '2024-01-02', killed: 0 } },
  {
    name: 'weekly timeline bins, type filter',
    qs: 'type=Battles&from=2023-06-01&to=2024-12-31',
    incident: { occurredAt: '2024-04-17T23:30:00Z', lat: 34.0, lon: 71.5, admin1: 'Khyber Pakhtunkhwa', location: 'Peshawar' },
  },
  { name: 'newer than an open-ended weekly span', qs: 'from=2023-06-01', incident: { occurredAt: '2025-02-03T08:00:00Z' } },
  {
    name: 'outside the map viewport',
    qs: 'minKilled=1',
    incident: { occurredAt: '2024-05-01T00:00:00Z', lat: 37.84, lon: 78.5, country: 'TJ', admin1: 'Khatlon', location: 'Far east' },
  },
];

describe('live patches equal the API after the write', () => {
  for (const [n, c] of CASES.entries()) {
    it(c.name, async () => {
      const before = await views(c.qs);
      const input = incidentInputSchema.parse({ ...base, ...c.incident, source: 'test', sourceId: `patch-${n}` });
      const { item } = await saveIncident(db, input, { timeZone: TZ });
      const [{ s: seq }] = await rows<{ s: number }>(db, sql`SELECT max(seq) AS s FROM events`);
      const after = await views(c.qs);
      const filter = viewFilterSchema.parse(filterParamsFromSearch(new URLSearchParams(c.qs)));

      const matches = after.list.total > before.list.total;
      expect(matches ? addToFirstPage(before.list, item, LIMIT) : before.list).toEqual(after.list);
      expect(byValue(addToFacets(before.facets, item, filter))).toEqual(byValue(after.facets));
      const timeline = matches ? addToTimeline(before.timeline, item, filter) : before.timeline;
      if (c.timelineRefetch) expect([timeline, after.timeline.bucket]).toEqual([null, 'week']);
      else expect(timeline).toEqual(after.timeline);
      // On the map a new incident inside the viewport refetches (null): the server counts it in its
      // cell's cluster at once. Outside the viewport only the total moves, patched in place.
      const patched = matches ? addToMap(before.map, item, BBOX, seq) : before.map;
      const [west, south, east, north] = BBOX.split(',').map(Number);
      const inView = item.lon >= west && item.lon <= east && item.lat >= south && item.lat <= north;
      if (matches && inView) expect(patched).toBeNull();
      else expect(patched).toEqual({ ...after.map, seq: before.map.seq });
    });
  }
});
