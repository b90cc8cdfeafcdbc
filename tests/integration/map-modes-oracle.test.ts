// @engines sqlite postgres
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builder, engineOf, transact } from '@/db/engine';
import { incidentConditions } from '@/db/queries/incident-filter-sql';
import { incidents } from '@/db/schema';
import { loadGroupMatcher, writeIncidents } from '@/db/services/ingest';
import type { Store } from '@/db/store';
import { viewFilterSchema, type ViewFilter } from '@/lib/filters/schema';
import { incidentInputSchema } from '@/lib/incidents/input';
import { normalizeIncident } from '@/lib/incidents/normalize';
import { buildGrid, viewportCells, type Cell, type GridMode, type HeatWeight } from '@/lib/map/aggregate';
import type { MapPoint, Viewport } from '@/lib/map/cluster';
import { getMapBounds } from '@/server/map/map-bounds';
import { mapViewportCells } from '@/server/map/map-cells';
import { TZ } from './map-fixtures';
import { useTempDb, type TempDb } from '../support/api-db';

let t: TempDb;
let db: Store;
let written = 0;

/**
 * `n` incidents: dense clouds around three towns (several per heat cell and hexagon even at fine
 * zooms), a thin scatter over the whole frontier and a few far away (Dushanbe, Kabul), with
 * casualties 0–9 or unknown.
 */
async function seed(store: Store, n: number) {
  const matcher = await loadGroupMatcher(store);
  let s = 11 + written;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const places = [
    ['PK', 'Khyber Pakhtunkhwa', 'Peshawar', 34.008, 71.578, 0.3],
    ['PK', 'Khyber Pakhtunkhwa', 'Bannu', 32.985, 70.604, 0.05],
    ['PK', 'Balochistan', 'Quetta', 30.184, 67.001, 1.5],
    ['PK', 'Balochistan', 'Frontier', 31, 68, 14],
    ['TJ', 'Dushanbe', 'Dushanbe', 38.56, 68.77, 0.2],
  ] as const;
  const rows = Array.from({ length: n }, (_, i) => {
    const [country, admin1, location, lat, lon, spread] = places[i % places.length];
    const id = `oracle-${written + i}`;
    const input = incidentInputSchema.parse({
      source: 'test',
      sourceId: id,
      occurredAt: new Date(Date.UTC(2023, 0, 1) + (written + i) * 7_200_000).toISOString(),
      country,
      admin1,
      location,
      lat: Math.round((lat + (rnd() - 0.5) * spread) * 1e4) / 1e4,
      lon: Math.round((lon + (rnd() - 0.5) * spread) * 1e4) / 1e4,
      eventType: i % 3 ? 'Battles' : 'Explosions/Remote violence',
      subEventType: i % 3 ? 'Armed clash' : 'Suicide bomb',
      group: ['ttp', 'bla', 'iskp'][i % 3],
      ...(i % 11 === 5 ? {} : { killed: (i * 7) % 10 }),
    });
    return normalizeIncident(input, { matcher, timeZone: TZ, sourceId: id });
  });
  written += n;
  await transact(store, async (tx) => writeIncidents(tx, rows, { dataset: 'live' }));
}

beforeAll(async () => {
  t = await useTempDb({ timeZone: TZ });
  db = t.store;
  await seed(db, 1500);
});
afterAll(() => t.cleanup());

/** The filter's incidents read straight from SQL (the oracle's input). */
async function sqlPoints(filter: ViewFilter): Promise<MapPoint[]> {
  const rows = await builder(db)
    .select({ id: incidents.id, lon: incidents.lon, lat: incidents.lat, k: incidents.killed })
    .from(incidents)
    .where(incidentConditions(filter, engineOf(db)));
  return rows.map((r) => ({
    id: r.id,
    lon: Number(r.lon),
    lat: Number(r.lat),
    g: '',
    k: r.k === null ? null : Number(r.k),
    i: null,
    x: false,
  }));
}

/** Today's definition of a viewport's cells: each zoom's whole grid built from every point of the filter. */
function expectedCells(points: MapPoint[], mode: GridMode, view: Viewport, zoom: number, weight: HeatWeight) {
  return viewportCells((z) => buildGrid(points, mode, z), [], view, zoom, weight);
}

const byPlace = (a: Cell, b: Cell) => a[0] - b[0] || a[1] - b[1];

const FILTERS = [
  '',
  'group=ttp',
  'minKilled=5',
  'region=balochistan',
  'group=bla&minKilled=1',
  'from=2023-01-20&to=2023-02-10',
  'group=nobody',
];
const VIEWS: [string, Viewport, number[]][] = [
  ['the frontier', { west: 60, south: 24, east: 76, north: 40 }, [3, 5, 7]],
  ['Peshawar', { west: 71.2, south: 33.7, east: 72, north: 34.3 }, [9, 11, 12]],
  // A corner of the Quetta cloud: few of the points near it, so its cells are summed from its own runs of the order.
  ['Quetta, part', { west: 66.9, south: 30.05, east: 67.25, north: 30.35 }, [10, 12, 14]],
  ['Bannu, close', { west: 70.58, south: 32.97, east: 70.63, north: 33 }, [13, 15, 16]],
  ['the world', { west: -180, south: -90, east: 180, north: 90 }, [2, 6]],
];

describe('heat and hexagon cells from the index selection', () => {
  for (const qs of FILTERS) {
    it(`equal each zoom's grid over the SQL rows, cell by cell (filter "${qs || '(none)'}")`, async () => {
      const filter = viewFilterSchema.parse(Object.fromEntries(new URLSearchParams(qs)));
      const points = await sqlPoints(filter);
      for (const [, view, zooms] of VIEWS)
        for (const zoom of zooms)
          for (const [mode, weight] of [
            ['heat', 'count'],
            ['heat', 'killed'],
            ['hex', 'count'],
          ] as const) {
            const got = await mapViewportCells(db, filter, mode, view, zoom, weight);
            const want = expectedCells(points, mode, view, zoom, weight);
            const at = `${mode}/${weight} z${zoom} ${JSON.stringify(view)}`;
            expect(got.total, at).toBe(points.length);
            expect({ zoom: got.zoom, size: got.size }, at).toEqual({ zoom: want.zoom, size: want.size });
            expect([...got.cells].sort(byPlace), at).toEqual([...want.cells].sort(byPlace));
          }
    });
  }

  it('has cells at every kind of view (the comparisons above are not empty)', async () => {
    for (const [name, view, zooms] of VIEWS) {
      const got = await mapViewportCells(db, {}, 'hex', view, zooms[zooms.length - 1], 'count');
      expect(got.cells.length, name).toBeGreaterThan(1);
    }
  });

  it('counts incidents created after the selection, once', async () => {
    const before = await mapViewportCells(db, {}, 'heat', VIEWS[0][1], 5, 'count');
    await seed(db, 7);
    for (const [mode, zoom] of [
      ['heat', 5],
      ['hex', 12],
    ] as const) {
      const view = mode === 'heat' ? VIEWS[0][1] : VIEWS[1][1];
      const got = await mapViewportCells(db, {}, mode, view, zoom, 'count');
      const want = expectedCells(await sqlPoints({}), mode, view, zoom, 'count');
      expect(got.total).toBe(before.total + 7);
      expect([...got.cells].sort(byPlace)).toEqual([...want.cells].sort(byPlace));
    }
  });
});

describe('bounds from the index selection', () => {
  it('equal min and max over the SQL rows, for every filter', async () => {
    for (const qs of FILTERS) {
      const filter = viewFilterSchema.parse(Object.fromEntries(new URLSearchParams(qs)));
      const [row] = await builder(db)
        .select({
          n: sql<number>`count(*)`,
          west: sql<number | null>`min(${incidents.lon})`,
          south: sql<number | null>`min(${incidents.lat})`,
          east: sql<number | null>`max(${incidents.lon})`,
          north: sql<number | null>`max(${incidents.lat})`,
        })
        .from(incidents)
        .where(incidentConditions(filter, engineOf(db)));
      const want =
        row.west === null ? null : { west: Number(row.west), south: Number(row.south), east: Number(row.east), north: Number(row.north) };
      expect(await getMapBounds(db, filter), qs).toEqual({ total: Number(row.n), bounds: want });
    }
  });
});
