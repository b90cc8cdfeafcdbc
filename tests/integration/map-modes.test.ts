// @engines sqlite postgres
import { and, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builder, engineOf, transact } from '@/db/engine';
import { incidentConditions } from '@/db/queries/incident-filter-sql';
import { incidents } from '@/db/schema';
import { loadGroupMatcher, writeIncidents } from '@/db/services/ingest';
import type { Store } from '@/db/store';
import type { MapCellsResponse } from '@/lib/contract';
import { incidentInputSchema } from '@/lib/incidents/input';
import { normalizeIncident } from '@/lib/incidents/normalize';
import { HEX_NEIGHBOURS, hexCentre, hexOf, PLANE_X } from '@/lib/map/grid';
import { viewFilterSchema } from '@/lib/filters/schema';
import { TZ } from './map-fixtures';
import { useTempDb, type TempDb } from '../support/api-db';
import { authHeader, withCredentials } from '../support/auth';

let t: TempDb;
let db: Store;
let mapGET: (req: Request) => Promise<Response>;

/** `n` incidents scattered around frontier towns (deterministic), with casualties 0–6. */
async function seedScattered(store: Store, n: number) {
  const matcher = await loadGroupMatcher(store);
  let seed = 3;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const towns = [
    ['Khyber Pakhtunkhwa', 'Peshawar', 34.008, 71.578],
    ['Khyber Pakhtunkhwa', 'Bannu', 32.985, 70.604],
    ['Balochistan', 'Quetta', 30.184, 67.001],
  ] as const;
  const rows = Array.from({ length: n }, (_, i) => {
    const [admin1, location, lat, lon] = towns[i % towns.length];
    const input = incidentInputSchema.parse({
      source: 'test',
      sourceId: `modes-${i}`,
      occurredAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
      country: 'PK',
      admin1,
      location,
      lat: lat + (rnd() - 0.5) * 1.6,
      lon: lon + (rnd() - 0.5) * 1.6,
      eventType: 'Battles',
      subEventType: 'Armed clash',
      group: i % 2 ? 'ttp' : 'bla',
      killed: i % 7,
    });
    return normalizeIncident(input, { matcher, timeZone: TZ, sourceId: `modes-${i}` });
  });
  await transact(store, async (tx) => writeIncidents(tx, rows, { dataset: 'live' }));
}

beforeAll(async () => {
  t = await useTempDb({ timeZone: TZ });
  db = t.store;
  await seedScattered(db, 400);
  mapGET = withCredentials((await import('@/app/api/map/route')).GET, await authHeader(db));
});
afterAll(() => t.cleanup());

const get = async (qs: string) => {
  const res = await mapGET(new Request(`http://127.0.0.1/api/map?${qs}`));
  return { status: res.status, body: (await res.json()) as MapCellsResponse & { error?: { message: string } } };
};

/** Incidents of a filter in SQL, optionally only those inside one hexagon (nearer its centre than any neighbour's). */
async function sqlCount(qs: string, hex?: { q: number; r: number; size: number }): Promise<number> {
  const filter = viewFilterSchema.parse(Object.fromEntries(new URLSearchParams(qs)));
  const conds: (SQL | undefined)[] = [incidentConditions(filter, engineOf(db))];
  if (hex) {
    const x = sql`(${incidents.lon} * ${PLANE_X})`;
    const d2 = ([cx, cy]: [number, number]) =>
      sql`((${x} - ${cx}) * (${x} - ${cx}) + (${incidents.lat} - ${cy}) * (${incidents.lat} - ${cy}))`;
    const own = d2(hexCentre(hex.q, hex.r, hex.size));
    for (const [dq, dr] of HEX_NEIGHBOURS) conds.push(sql`${own} < ${d2(hexCentre(hex.q + dq, hex.r + dr, hex.size))}`);
  }
  const [row] = await builder(db)
    .select({ n: sql<number>`count(*)` })
    .from(incidents)
    .where(and(...conds));
  return Number(row.n);
}

const FILTERS = ['', 'group=ttp', 'minKilled=3', 'from=2024-01-05&to=2024-01-12'];

describe('GET /api/map?mode=hex', () => {
  for (const qs of FILTERS) {
    it(`hexagon counts equal a SQL count per cell (filter "${qs || '(none)'}")`, async () => {
      const total = await sqlCount(qs);
      for (const zoom of [5, 8]) {
        const { status, body } = await get(`${qs}&mode=hex&zoom=${zoom}&bbox=60,24,76,40`);
        expect(status).toBe(200);
        expect(body.mode).toBe('hex');
        expect(body.total).toBe(total);
        expect(body.cells.length).toBeGreaterThan(zoom > 6 ? 10 : 3);
        expect(body.cells.reduce((s, c) => s + c[2], 0)).toBe(total);
        // A sample of cells, each checked against SQL: the densest, the sparsest and every seventh.
        const sorted = [...body.cells].sort((a, b) => b[2] - a[2]);
        const sample = [sorted[0], sorted[sorted.length - 1], ...sorted.filter((_, i) => i % 7 === 3)].filter(Boolean);
        for (const [lon, lat, n] of sample) {
          const [q, r] = hexOf(lon * PLANE_X, lat, body.size);
          expect(await sqlCount(qs, { q, r, size: body.size })).toBe(n);
        }
      }
    });
  }
});

describe('GET /api/map?mode=heat', () => {
  it('weights add up to the filter’s incidents and killed', async () => {
    const killed = async (qs: string) => {
      const filter = viewFilterSchema.parse(Object.fromEntries(new URLSearchParams(qs)));
      const [row] = await builder(db)
        .select({ k: sql<number>`coalesce(sum(${incidents.killed}), 0)` })
        .from(incidents)
        .where(incidentConditions(filter, engineOf(db)));
      return Number(row.k);
    };
    for (const qs of ['', 'group=bla']) {
      const byCount = await get(`${qs}&mode=heat&zoom=7`);
      expect(byCount.status).toBe(200);
      expect(byCount.body.cells.reduce((s, c) => s + c[2], 0)).toBe(await sqlCount(qs));
      const byKilled = await get(`${qs}&mode=heat&weight=killed&zoom=7`);
      expect(byKilled.body.weight).toBe('killed');
      expect(byKilled.body.cells.every((c) => c[3] > 0)).toBe(true);
      expect(byKilled.body.cells.reduce((s, c) => s + c[3], 0)).toBe(await killed(qs));
    }
  });

  it('answers clusters without a mode, as before', async () => {
    const res = await mapGET(new Request('http://127.0.0.1/api/map?zoom=5'));
    const body = (await res.json()) as { features: unknown[]; total: number };
    expect(res.status).toBe(200);
    expect(body.features.length).toBeGreaterThan(0);
    expect(body.total).toBe(400);
  });

  it('rejects an unknown mode or weight with a 400 naming the allowed values', async () => {
    for (const qs of ['mode=dots', 'mode=heat&weight=injured', 'mode=HEX']) {
      const { status, body } = await get(qs);
      expect(status).toBe(400);
      expect(JSON.stringify(body)).toMatch(/clusters.*heat.*hex|count.*killed/);
    }
  });
});
