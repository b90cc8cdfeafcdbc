// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as LIST } from '@/app/api/incidents/route';
import { GET as EXPORT } from '@/app/api/incidents/export/route';
import { GET as FACETS } from '@/app/api/incidents/facets/route';
import { GET as MAP } from '@/app/api/map/route';
import { mergeReport } from '@/db/services/report-decisions';
import type { MapFeature } from '@/lib/map/cluster';
import { get, useTempDb, type TempDb } from '../support/api-db';
import { incidentBody, storeIncidents } from '../support/api-factory';
import { BANNU, storeReports } from '../support/decision-reports';

/** minSources and claimStatus through the API: the list and map (the index) and the export (SQL) agree. */
let t: TempDb;
let ids: number[];

beforeAll(async () => {
  t = await useTempDb();
  ids = await storeIncidents(t.store, [
    incidentBody({ sourceId: 'a', claimStatus: 'claimed' }),
    incidentBody({ sourceId: 'b' }),
    incidentBody({ sourceId: 'c', claimStatus: 'disputed' }),
    incidentBody({ sourceId: 'd', admin1: 'Balochistan', admin2: 'Quetta', location: 'Quetta', lat: 30.18, lon: 66.99 }),
  ]);
  // b gains a report with a claim and a denial (disputed, 2 sources); d gains two plain reports (3 sources).
  const [toB, toD1, toD2] = await storeReports(
    t.store,
    BANNU.followUp,
    { ...BANNU.first, text: 'Four soldiers were martyred in Bannu on Tuesday.', url: 'https://dawn.example/d1' },
    { ...BANNU.first, text: 'Four soldiers were martyred in Bannu on Tuesday, officials said.', url: 'https://geo.example/d2' },
  );
  const ctx = { timeZone: 'Asia/Karachi', actor: 'test' };
  await mergeReport(t.store, toB, { incidentId: ids[1], adoptFigures: false }, ctx);
  await mergeReport(t.store, toD1, { incidentId: ids[3], adoptFigures: false }, ctx);
  await mergeReport(t.store, toD2, { incidentId: ids[3], adoptFigures: false }, ctx);
});
afterAll(() => t.cleanup());

async function listed(qs: string): Promise<number[]> {
  const res = await LIST(get(`/api/incidents?${qs}`));
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { items: { id: number }[] }).items.map((i) => i.id).sort((a, b) => a - b);
}
async function exported(qs: string): Promise<number[]> {
  const res = await EXPORT(get(`/api/incidents/export?format=geojson&${qs}`));
  expect(res.status).toBe(200);
  return ((await res.json()) as { features: { id: number }[] }).features.map((f) => f.id).sort((a, b) => a - b);
}
async function mapped(qs: string): Promise<number> {
  const res = await MAP(get(`/api/map?zoom=12&bbox=-180,-90,180,90&${qs}`));
  return ((await res.json()) as { features: MapFeature[] }).features.reduce((n, f) => n + (f.t === 'c' ? f.n : 1), 0);
}

describe('minSources and claimStatus filters', () => {
  it.each([
    ['minSources=2', [1, 3]],
    ['minSources=3', [3]],
    ['minSources=1', [0, 1, 2, 3]],
    ['claimStatus=disputed', [1, 2]],
    ['claimStatus=claimed,unclaimed', [0, 3]],
    ['claimStatus=unclaimed&claimStatus=disputed', [1, 2, 3]],
    ['claimStatus=disputed&minSources=2', [1]],
  ])('%s: list, map and export agree', async (qs, which) => {
    const expected = which.map((k) => ids[k]).sort((a, b) => a - b);
    expect(await listed(qs)).toEqual(expected);
    expect(await exported(qs)).toEqual(expected);
    expect(await mapped(qs)).toBe(expected.length);
  });

  it('facets count under them', async () => {
    const res = await FACETS(get('/api/incidents/facets?minSources=2'));
    expect(((await res.json()) as { total: number }).total).toBe(2);
  });

  it('list items and the CSV export carry sourceCount', async () => {
    const res = await LIST(get('/api/incidents?minSources=3'));
    expect(((await res.json()) as { items: { sourceCount: number }[] }).items[0].sourceCount).toBe(3);
    const csv = await (await EXPORT(get('/api/incidents/export?format=csv&minSources=3'))).text();
    const [head, row] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(row.split(',')[head.split(',').indexOf('source_count')]).toBe('3');
  });

  it('400 naming the parameter for a bad value', async () => {
    for (const qs of ['minSources=0', 'minSources=x', 'claimStatus=denied']) {
      const res = await LIST(get(`/api/incidents?${qs}`));
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain(qs.split('=')[0]);
    }
  });
});
