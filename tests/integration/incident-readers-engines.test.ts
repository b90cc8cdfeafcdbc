// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { builder, engineOf, rows, transact } from '@/db/engine';
import { events, incidents } from '@/db/schema';
import type { Store } from '@/db/store';
import { iterateExportChunks } from '@/db/queries/export';
import { listFacets } from '@/db/queries/facets';
import { incidentIndex, indexedFilter } from '@/db/queries/incident-index';
import { loadPgIndex } from '@/db/queries/incident-index-pg';
import { groupColours } from '@/db/queries/map';
import { countDemoRows } from '@/db/queries/stats';
import { incidentTimeline } from '@/db/queries/timeline';
import { Rng } from '@/lib/demo/prng';
import { viewFilterSchema, type ViewFilter } from '@/lib/filters/schema';
import { countMatching, facetCounts, pageIds } from '@/lib/incident-index/query';
import { dayToDate } from '@/lib/time/zone';
import { compileFilter } from '@/lib/incident-index/compile';
import type { IncidentIndex } from '@/lib/incident-index/incident-index';
import { openTestStore, testEngine, type TestStore } from '../support/engine';
import { sqlCount, sqlFacets, sqlMapPoints, sqlPageIds } from '../support/incident-sql-oracle';
import { expectSameFeatures, oracleFeatures } from '../support/map-grid-oracle';
import { mapClusters } from '@/server/map/map-clusters';

/**
 * The incident readers (in-memory index, facets, timeline, map, export) on the engine under test,
 * against plain SQL over the same rows. Rows are written with the query builder and an outbox row
 * each, as every writer does, so the index's catch-up is exercised on both engines.
 */
const FIRST_DAY = 20_000;
const GROUPS = ['ttp', 'bla', 'iskp'];
const REGIONS = ['kp', 'balochistan', null];
const KINDS = [
  ['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
  ['Battles', 'Armed clash'],
  ['Violence against civilians', 'Attack'],
];
const NOTES = [
  'Attack near the checkpoint',
  'Convoy hit by an IED',
  'Market blast in Mīr Ali',
  'پشاور میں دھماکہ',
  "O'Brien: AND (x) & y | !z",
];

let t: TestStore;
let store: Store;

function randomRow(rng: Rng, i: number, dataset: 'live' | 'demo' = 'live') {
  const day = FIRST_DAY + rng.int(0, 40);
  const [eventType, subEventType] = rng.pick(KINDS);
  const killed = rng.chance(0.2) ? null : rng.int(0, 9);
  return {
    source: 'engines',
    sourceId: `e-${i}`,
    occurredAt: day * 86_400_000 + rng.int(0, 86_399) * 1000,
    occurredDay: day,
    country: 'PK',
    location: rng.pick(['Peshawar', 'Bannu', 'Quetta']),
    lat: 30 + rng.int(0, 500) / 100,
    lon: 67 + rng.int(0, 500) / 100,
    region: rng.pick(REGIONS),
    eventType,
    subEventType,
    groupId: rng.pick(GROUPS),
    claimStatus: rng.pick(['claimed', 'unclaimed', 'disputed'] as const),
    killed,
    injured: rng.chance(0.5) ? null : rng.int(0, 4),
    crossBorder: rng.chance(0.1),
    sourceCount: rng.int(1, 3),
    notes: `${rng.pick(NOTES)} ${i}`,
    dataset,
    createdAt: 0,
    updatedAt: 0,
  };
}

/** Inserts rows and their outbox rows in one transaction, as the writers do. */
async function insertRows(rowsIn: ReturnType<typeof randomRow>[]): Promise<number[]> {
  return transact(store, async (tx) => {
    const ids = (await builder(tx).insert(incidents).values(rowsIn).returning({ id: incidents.id })).map((r) => r.id);
    await builder(tx)
      .insert(events)
      .values(ids.map((refId) => ({ type: 'incident' as const, refId, action: 'created', createdAt: 0 })));
    return ids;
  });
}

async function outbox(type: 'incident' | 'alert', refId: number, action: string, write?: (tx: Store) => Promise<unknown>) {
  await transact(store, async (tx) => {
    if (write) await write(tx);
    await builder(tx).insert(events).values({ type, refId, action, createdAt: 0 });
  });
}

function randomFilter(rng: Rng): ViewFilter {
  const p: Record<string, string> = {};
  if (rng.chance(0.5)) {
    p.from = dayToDate(FIRST_DAY + rng.int(0, 30));
    if (rng.chance(0.6)) p.to = dayToDate(FIRST_DAY + rng.int(10, 45));
  }
  if (rng.chance(0.3)) p.group = rng.pick(['ttp', 'bla,iskp', 'no-such-group']);
  if (rng.chance(0.3)) p.region = rng.pick(['kp', 'balochistan', 'none', 'kp,none']);
  if (rng.chance(0.3)) p.type = rng.pick(['Battles', 'Attack', 'Explosions/Remote violence']);
  if (rng.chance(0.2)) p.minKilled = String(rng.int(0, 6));
  if (rng.chance(0.2)) p.minSources = String(rng.int(1, 3));
  if (rng.chance(0.2)) p.claimStatus = rng.pick(['claimed', 'unclaimed,disputed']);
  if (rng.chance(0.3)) p.q = rng.pick(['check', 'convoy ied', 'MIR', 'پشاور', 'peshawar', '"', "o'brien & y", 'nothing-matches']);
  if (rng.chance(0.2)) p.bbox = rng.pick(['67,30,70,33', '69,31,72,35']);
  return viewFilterSchema.parse(p);
}

async function expectSameAnswers(rng: Rng, filters: number): Promise<void> {
  let nonEmpty = 0;
  for (let k = 0; k < filters; k++) {
    const f = randomFilter(rng);
    const label = `${testEngine} ${JSON.stringify(f)}`;
    const { index, f: compiled } = await indexedFilter(store, f);
    const total = await sqlCount(store, f);
    if (total > 0) nonEmpty++;
    expect(countMatching(index, compiled), label).toBe(total);
    expect(pageIds(index, compiled, 15, null), label).toEqual(await sqlPageIds(store, f, 15));
    expect(await listFacets(store, f), label).toEqual(await sqlFacets(store, f));
    const timeline = await incidentTimeline(store, f, 'Asia/Karachi');
    expect(
      timeline.bins.reduce((n, b) => n + b.count, 0),
      label,
    ).toBe(total);
    await expectSameClusters(rng, f, label);
  }
  expect(nonEmpty).toBeGreaterThan(filters / 3);
}

/** The map's clusters (incident index, spatial order) against the per-cell grouping of the SQL rows. */
async function expectSameClusters(rng: Rng, f: ViewFilter, label: string): Promise<void> {
  const zoom = rng.int(0, 16);
  const view = rng.pick([
    { west: 60, south: 25, east: 76, north: 40 },
    { west: 67.5, south: 30.5, east: 70, north: 33 },
  ]);
  const got = await mapClusters(store, f, view, zoom, 100_000);
  const points = await sqlMapPoints(store, f);
  expect(got.total, label).toBe(points.length);
  expect(got.zoom, label).toBe(Math.min(zoom, 15));
  expectSameFeatures(got.features, oracleFeatures(points, view, got.zoom), `${label} zoom ${zoom}`);
}

const compileFor = (index: IncidentIndex, f: ViewFilter) => compileFilter(f, index.combos, null);

const tableCount = async () => Number((await rows<{ n: number }>(store, sql`SELECT count(*) AS n FROM incidents`))[0].n);
const maxSeq = async () => Number((await rows<{ s: number }>(store, sql`SELECT max(seq) AS s FROM events`))[0].s);

beforeAll(async () => {
  t = await openTestStore({ timeZone: 'Asia/Karachi' });
  store = t.store;
  const rng = new Rng(5);
  await insertRows(Array.from({ length: 260 }, (_, i) => randomRow(rng, i)));
  await insertRows(Array.from({ length: 40 }, (_, i) => randomRow(rng, 260 + i, 'demo')));
});
afterAll(() => t.close());

describe(`incident readers on ${testEngine}`, () => {
  it('answer counts, pages, facets, timeline and map points like SQL for random filters', async () => {
    await expectSameAnswers(new Rng(11), 120);
    expect((await incidentIndex(store)).size).toBe(300);
    expect(await countDemoRows(store)).toBe(40);
  });

  it.skipIf(testEngine !== 'postgres')('PostgreSQL loads in keyset chunks: any chunk size gives the same index', async () => {
    const whole = await incidentIndex(store);
    const chunked = await loadPgIndex(store, 7);
    expect(chunked.size).toBe(whole.size);
    expect(chunked.seq).toBe(whole.seq);
    for (const f of [{}, viewFilterSchema.parse({ group: 'ttp', minKilled: '2' }), viewFilterSchema.parse({ region: 'none' })]) {
      const a = await indexedFilter(store, f);
      expect(pageIds(chunked, compileFor(chunked, f), 1000, null)).toEqual(pageIds(a.index, a.f, 1000, null));
      expect(facetCounts(chunked, compileFor(chunked, f)).total).toBe(countMatching(a.index, a.f));
    }
  });

  it('search: prefixes, accents and other scripts match; query syntax typed by a user is text, and no word matches nothing', async () => {
    const ids = async (q: string) => {
      const { index, f } = await indexedFilter(store, viewFilterSchema.parse({ q }));
      return countMatching(index, f);
    };
    expect(await ids('checkp')).toBeGreaterThan(0);
    expect(await ids('mir ali')).toBe(await ids('Mīr'));
    expect(await ids('پشاور')).toBeGreaterThan(0);
    expect(await ids("o'brien & y | !z")).toBeGreaterThan(0);
    expect(await ids('"')).toBe(0);
    expect(await ids('(')).toBe(0);
  });

  it('catches up from the outbox on inserts, edits and deletions, without reloading', async () => {
    const before = await incidentIndex(store);
    const rng = new Rng(13);
    const added = await insertRows(Array.from({ length: 30 }, (_, i) => randomRow(rng, 1000 + i)));
    await outbox('incident', 7, 'updated', (tx) =>
      builder(tx).update(incidents).set({ killed: 40, groupId: 'iskp', region: 'kp' }).where(eq(incidents.id, 7)),
    );
    await outbox('incident', 9, 'deleted', (tx) => builder(tx).delete(incidents).where(eq(incidents.id, 9)));
    // Alert rows in between are skipped in SQL, and do not count towards a reload.
    for (let k = 0; k < 5; k++) await outbox('alert', 1, 'fired');
    const after = await incidentIndex(store);
    expect(after).toBe(before);
    expect(after.size).toBe(300 + 30 - 1);
    expect(after.seq).toBe(await maxSeq());
    expect(after.maxId).toBeGreaterThanOrEqual(Math.max(...added));
    await expectSameAnswers(new Rng(17), 60);
  });

  it('keeps one consistent index when reads and writes run at the same time', async () => {
    const rng = new Rng(19);
    const reads: Promise<unknown>[] = [];
    for (let k = 0; k < 8; k++) {
      reads.push(incidentIndex(store), listFacets(store, {}));
      await insertRows([randomRow(rng, 2000 + k)]);
    }
    await Promise.all(reads);
    const index = await incidentIndex(store);
    expect(index.size).toBe(await tableCount());
    expect(index.seq).toBe(await maxSeq());
    await expectSameAnswers(new Rng(23), 20);
  });

  it.skipIf(testEngine !== 'postgres')(
    'PostgreSQL: an incident whose transaction took its seq first but commits last is not skipped',
    async () => {
      const rng = new Rng(31);
      let release = () => {};
      const held = new Promise<void>((r) => (release = r));
      let started = () => {};
      const writing = new Promise<void>((r) => (started = r));
      // T1 appends first (lower xid and seq) and stays open while T2 appends and commits.
      const t1 = transact(store, async (tx) => {
        const [{ id }] = await builder(tx).insert(incidents).values(randomRow(rng, 4000)).returning({ id: incidents.id });
        await builder(tx).insert(events).values({ type: 'incident', refId: id, action: 'created', createdAt: 0 });
        started();
        await held;
        return id;
      });
      await writing;
      let t2 = 0;
      try {
        [t2] = await insertRows([randomRow(rng, 4001)]);
        // T2 is committed but not settled while T1 (an older xid) runs: the index waits at T1.
        const during = await incidentIndex(store);
        expect(during.size).toBe((await tableCount()) - 1);
      } finally {
        release();
      }
      const t1Id = await t1;
      const after = await incidentIndex(store);
      const { index, f } = await indexedFilter(store, viewFilterSchema.parse({}));
      const all = new Set(pageIds(index, f, 100_000, null));
      expect([all.has(t1Id), all.has(t2)]).toEqual([true, true]);
      expect(after.size).toBe(await tableCount());
    },
  );

  it('exports every matching incident newest first in keyset chunks, with its ACLED columns', async () => {
    await builder(store)
      .update(incidents)
      .set({ acledExtra: JSON.stringify({ inter1: '3' }) })
      .where(eq(incidents.id, 11));
    for (const filter of [{}, { group: ['ttp'] }, { q: 'convoy' }, { minKilled: 5, region: ['kp', 'none'] }] satisfies ViewFilter[]) {
      const chunks: number[] = [];
      const ids: number[] = [];
      for await (const chunk of iterateExportChunks(store, filter, 7)) {
        chunks.push(chunk.length);
        for (const { item, acledExtra } of chunk) {
          ids.push(item.id);
          expect(acledExtra).toEqual(item.id === 11 ? { inter1: '3' } : null);
        }
      }
      const expected = await sqlPageIds(store, filter, 100_000);
      expect(ids, JSON.stringify(filter)).toEqual(expected);
      expect(chunks.every((n) => n <= 7)).toBe(true);
      // Rows read in smaller batches than the chunk of ids (SQLite): the same rows, in the same order; extras left unread.
      const batched: number[] = [];
      const sizes: number[] = [];
      for await (const chunk of iterateExportChunks(store, filter, 7, { rowsPerRead: 3, extras: false })) {
        sizes.push(chunk.length);
        batched.push(...chunk.map((c) => c.item.id));
        expect(chunk.every((c) => c.acledExtra === null)).toBe(true);
      }
      expect(batched, JSON.stringify(filter)).toEqual(expected);
      expect(sizes.every((n) => n <= (engineOf(store) === 'sqlite' ? 3 : 7))).toBe(true);
    }
  });

  it('map: group colours', async () => {
    expect((await groupColours(store)).ttp).toMatch(/^#[0-9a-f]{6}$/i);
  });
});
