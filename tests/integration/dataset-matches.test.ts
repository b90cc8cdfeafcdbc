// @engines sqlite postgres
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { POST as IMPORT } from '@/app/api/import/route';
import { GET as LIST } from '@/app/api/incidents/route';
import { GET as DETAIL } from '@/app/api/incidents/[id]/route';
import { GET as EXPORT } from '@/app/api/incidents/export/route';
import { GET as FACETS } from '@/app/api/incidents/facets/route';
import { GET as MAP } from '@/app/api/map/route';
import { GET as MATCHES } from '@/app/api/matches/route';
import { POST as MERGE } from '@/app/api/matches/[id]/merge/route';
import { POST as REJECT } from '@/app/api/matches/[id]/reject/route';
import { POST as UNDO } from '@/app/api/matches/[id]/undo/route';
import { GET as WEEKLY } from '@/app/api/reports/weekly/route';
import { rows as rowsOf } from '@/db/engine';
import type { MatchItem, MatchPage } from '@/lib/datasets/match-types';
import type { IncidentDetail, IncidentItem } from '@/lib/incidents/item';
import type { MapFeature } from '@/lib/map/cluster';
import { ctx, get, postCsv, postJson, useTempDb, type TempDb } from '../support/api-db';

/**
 * One event in several datasets: tests/fixtures/datasets/overlap-*.csv code the same events in
 * ACLED, UCDP GED and GTD, beside near misses (two days apart, 40 km apart, a protest against a
 * clash, a GTD row known only to the year). Import proposes, merge keeps both as sources and the
 * merged incident answers for both datasets, reject keeps both, undo restores.
 */
let t: TempDb;
const fixture = (name: string) => readFileSync(`tests/fixtures/datasets/${name}.csv`, 'utf8');

async function importFile(name: string, format: string): Promise<{ inserted: number; matchesProposed: number }> {
  const res = await IMPORT(postCsv(`/api/import?format=${format}`, fixture(name), t.analyst));
  expect(res.status, name).toBe(200);
  return (await res.json()) as { inserted: number; matchesProposed: number };
}

async function json<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const body = (await r.json()) as T;
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body;
}

const matches = (query = '') => json<MatchPage>(MATCHES(get(`/api/matches${query}`)));
const decide = (op: typeof MERGE | typeof REJECT | typeof UNDO, id: number, token = t.analyst) =>
  (op as (r: Request, c: unknown) => Promise<Response>)(postJson(`/api/matches/${id}/x`, {}, token), ctx({ id: String(id) }));
const listIds = async (query: string) =>
  (await json<{ items: IncidentItem[] }>(LIST(get(`/api/incidents?limit=1000&${query}`)))).items.map((i) => i.id).sort((a, b) => a - b);
const idOf = async (source: string, sourceId: string) =>
  Number(
    (await rowsOf<{ id: number }>(t.store, sql`SELECT id FROM incidents WHERE source = ${source} AND source_id = ${sourceId}`))[0]?.id ?? 0,
  );
const pair = (m: MatchItem) => `${m.incidentA?.sourceId}~${m.incidentB?.sourceId}`;

beforeAll(async () => {
  t = await useTempDb();
});
afterAll(() => t.cleanup());

describe('cross-dataset matches', () => {
  it('the first dataset proposes nothing; the second proposes exactly the same events', async () => {
    expect(await importFile('overlap-acled', 'acled')).toMatchObject({ inserted: 7, matchesProposed: 0 });
    expect(await importFile('overlap-ucdp', 'ucdp')).toMatchObject({ inserted: 6, matchesProposed: 3 });
    const page = await matches();
    // Two days apart (600004), ~40 km apart (600005) and a protest against fighting (600006) are not proposed.
    expect(page.items.map(pair).sort()).toEqual(['PAK9101~600001', 'PAK9102~600002', 'PAK9103~600003']);
    const byPair = new Map(page.items.map((m) => [pair(m), m]));
    expect(byPair.get('PAK9101~600001')).toMatchObject({
      status: 'proposed',
      datasetA: 'acled',
      datasetB: 'ucdp',
      dayGap: 0,
      typeCompatibility: 'same-sub-event',
      actorSimilarity: 1,
    });
    expect(byPair.get('PAK9101~600001')!.distanceKm).toBeLessThan(1);
    expect(byPair.get('PAK9102~600002')).toMatchObject({ dayGap: 1, typeCompatibility: 'related' });
    // UCDP's 5–9 May range ends the day before ACLED's 10 May: within the window although it starts 5 days earlier.
    expect(byPair.get('PAK9103~600003')).toMatchObject({ dayGap: 1, typeCompatibility: 'same-sub-event' });
    expect(byPair.get('PAK9101~600001')!.score).toBeGreaterThan(byPair.get('PAK9102~600002')!.score);
  });

  it("GTD's unknown day reads as its month; a row known only to the year is not proposed", async () => {
    expect(await importFile('overlap-gtd', 'gtd')).toMatchObject({ inserted: 2, matchesProposed: 1 });
    const gtd = (await matches()).items.filter((m) => m.datasetB === 'gtd');
    expect(gtd.map(pair)).toEqual(['PAK9107~202406000001']);
    expect(gtd[0]).toMatchObject({ dayGap: 0, typeCompatibility: 'same-sub-event' });
  });

  it('importing the same file again proposes nothing new', async () => {
    expect(await importFile('overlap-ucdp', 'ucdp')).toMatchObject({ inserted: 0, matchesProposed: 0 });
  });

  it('merge keeps both as sources: one incident, found under both datasets, counted once', async () => {
    const acled = await idOf('acled', 'PAK9101');
    const ucdp = await idOf('ucdp', '600001');
    const before = (await json<{ total: number }>(FACETS(get('/api/incidents/facets')))).total;
    const m = (await matches()).items.find((x) => pair(x) === 'PAK9101~600001')!;
    expect((await decide(MERGE, m.id, t.viewer)).status).toBe(403);
    const merged = (await json<{ match: MatchItem }>(decide(MERGE, m.id))).match;
    expect(merged).toMatchObject({ status: 'merged', incidentB: { id: ucdp, sourceId: '600001' } });
    expect(merged.decidedBy).toBeTruthy();
    // The merged-away incident left the list, the map and the counts; the kept one answers for both datasets.
    expect(await idOf('ucdp', '600001')).toBe(0);
    expect((await json<{ total: number }>(FACETS(get('/api/incidents/facets')))).total).toBe(before - 1);
    expect(await listIds('source=acled')).toContain(acled);
    expect(await listIds('source=ucdp')).toContain(acled);
    expect(await listIds('source=gtd')).not.toContain(acled);
    const detail = await json<IncidentDetail>(DETAIL(get(`/api/incidents/${acled}`), ctx({ id: String(acled) })));
    expect(detail.datasets).toEqual(['acled', 'ucdp']);
    expect(detail.sourceCount).toBe(2);
    expect(detail.sourceRecords.map((s) => [s.outlet, s.killed])).toContainEqual(['UCDP GED 600001', 7]);
    // Deciding twice is a conflict.
    expect((await decide(MERGE, m.id)).status).toBe(409);
  });

  it('the weekly brief counts the merged incident once, and under either dataset', async () => {
    const week = async (q: string) =>
      (await json<{ totals: { incidents: number } }>(WEEKLY(get(`/api/reports/weekly?week=2024-W11${q}`)))).totals.incidents;
    expect(await week('')).toBe(1);
    expect(await week('&source=ucdp')).toBe(1);
    expect(await week('&source=acled')).toBe(1);
    expect(await week('&source=gtd,report')).toBe(0);
  });

  it('reject keeps both incidents', async () => {
    const m = (await matches()).items.find((x) => pair(x) === 'PAK9102~600002')!;
    expect((await json<{ match: MatchItem }>(decide(REJECT, m.id))).match.status).toBe('rejected');
    expect(await idOf('acled', 'PAK9102')).toBeGreaterThan(0);
    expect(await idOf('ucdp', '600002')).toBeGreaterThan(0);
    expect((await matches('?status=rejected')).items.map(pair)).toEqual(['PAK9102~600002']);
    expect((await matches()).items.map(pair)).not.toContain('PAK9102~600002');
  });

  it('undo restores the merged-away incident under its id and takes its dataset off the kept one', async () => {
    const acled = await idOf('acled', 'PAK9101');
    const m = (await matches('?status=merged')).items[0];
    const ucdpId = m.incidentB!.id;
    expect((await json<{ match: MatchItem }>(decide(UNDO, m.id))).match.status).toBe('proposed');
    expect(await idOf('ucdp', '600001')).toBe(ucdpId);
    expect(await listIds('source=ucdp')).not.toContain(acled);
    expect(await listIds('source=ucdp')).toContain(ucdpId);
    const detail = await json<IncidentDetail>(DETAIL(get(`/api/incidents/${acled}`), ctx({ id: String(acled) })));
    expect(detail).toMatchObject({ datasets: ['acled'], sourceCount: 1 });
    expect(detail.sourceRecords).toEqual([]);
  });

  it('a re-import of a merged-away row folds back into the incident it was merged into', async () => {
    const m = (await matches()).items.find((x) => pair(x) === 'PAK9101~600001')!;
    await json(decide(MERGE, m.id));
    const count = (await json<{ total: number }>(FACETS(get('/api/incidents/facets')))).total;
    await importFile('overlap-ucdp', 'ucdp');
    expect(await idOf('ucdp', '600001')).toBe(0);
    expect((await json<{ total: number }>(FACETS(get('/api/incidents/facets')))).total).toBe(count);
  });

  it('source= narrows the list, map, facets and export alike', async () => {
    const ucdp = await listIds('source=ucdp');
    const facets = await json<{ total: number }>(FACETS(get('/api/incidents/facets?source=ucdp')));
    expect(facets.total).toBe(ucdp.length);
    const map = await json<{ features: MapFeature[] }>(MAP(get('/api/map?source=ucdp&zoom=12&bbox=-180,-90,180,90')));
    expect(map.features.reduce((n, f) => n + (f.t === 'c' ? f.n : 1), 0)).toBe(ucdp.length);
    const geo = await json<{ features: { id: number }[] }>(EXPORT(get('/api/incidents/export?format=geojson&source=ucdp')));
    expect(geo.features.map((f) => f.id).sort((a, b) => a - b)).toEqual(ucdp);
    expect(await listIds('source=acled,ucdp,gtd,report,api,demo')).toEqual(await listIds(''));
  });

  it('an unknown dataset is a 400 naming the parameter, everywhere', async () => {
    for (const [name, res] of [
      ['list', LIST(get('/api/incidents?source=acled,nope'))],
      ['facets', FACETS(get('/api/incidents/facets?source=nope'))],
      ['map', MAP(get('/api/map?source=nope'))],
      ['export', EXPORT(get('/api/incidents/export?source=nope'))],
      ['weekly', WEEKLY(get('/api/reports/weekly?week=2024-W11&source=nope'))],
      ['matches', MATCHES(get('/api/matches?status=nope'))],
    ] as const) {
      const r = await res;
      expect(r.status, name).toBe(400);
      expect(JSON.stringify(await r.json()), name).toMatch(name === 'matches' ? /status/ : /source/);
    }
  });
});
