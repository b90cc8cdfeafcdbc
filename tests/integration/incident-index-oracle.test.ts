// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeChangedIds } from '@/db/changed-ids';
import { and, eq, sql } from 'drizzle-orm';
import { openDatabase } from '@/db/connection';
import { builder, engineOf, execute, rows as rowsOf, transact } from '@/db/engine';
import { events, incidents } from '@/db/schema';
import { closeStore, openStore, type Store } from '@/db/store';
import { listFacets } from '@/db/queries/facets';
import { listIncidents } from '@/db/queries/incidents';
import { incidentTimeline } from '@/db/queries/timeline';
import { incidentIndex } from '@/db/queries/incident-index';
import { deleteIncident, patchIncident } from '@/db/services/incident-writes';
import { loadGroupMatcher, writeIncidents } from '@/db/services/ingest';
import { incidentInputSchema } from '@/lib/incidents/input';
import { normalizeIncident } from '@/lib/incidents/normalize';
import { MAX_EXTRA } from '@/lib/incident-index/incident-index';
import { Rng } from '@/lib/demo/prng';
import { dayToDate } from '@/lib/time/zone';
import { incidentFilterSchema, type IncidentFilter } from '@/lib/validation/incident-filter';
import { useTempDb, type TempDb } from '../support/api-db';
import { testEngine } from '../support/engine';
import { acledCsv, revised, variedAcled } from '../support/import-oracle';
import { importCsv } from '@/server/import/import';
import { PER_ROW_EVENT_LIMIT } from '@/db/services/import-writer';
import { incidentBody } from '../support/api-factory';
import { GROUPS, PLACES, randomOccurredAt } from '../support/random-incidents';
import { sqlCount, sqlFacets, sqlPageIds } from '../support/incident-sql-oracle';
import { BANNU, storeReports } from '../support/decision-reports';
import { mergeReport } from '@/db/services/report-decisions';

/**
 * The in-memory incident index against plain SQL over the same rows: random incidents (timed
 * and date-only near local midnight, null casualties and regions, demo rows), random filters,
 * and writes from another connection between checks (the server reads while the CLI writes).
 */
const KINDS = [
  ['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
  ['Explosions/Remote violence', 'Suicide bomb'],
  ['Battles', 'Armed clash'],
  ['Violence against civilians', 'Attack'],
];
const WORDS = ['checkpoint', 'police', 'market', 'convoy'];

function randomBody(rng: Rng, i: number): Record<string, unknown> {
  const occurredAt = randomOccurredAt(rng, 20_000);
  const [eventType, subEventType] = rng.pick(KINDS);
  return incidentBody({
    // Every dataset the source filter knows, without drawing from the random stream.
    source: ['acled', 'ucdp', 'gtd', 'report', 'api', 'simulator', 'native'][i % 7],
    sourceId: `o-${i}`,
    occurredAt,
    country: 'PK',
    ...rng.pick(PLACES),
    group: rng.pick(GROUPS),
    eventType,
    subEventType,
    killed: rng.chance(0.2) ? null : rng.int(0, 12),
    injured: rng.chance(0.3) ? null : rng.int(0, 5),
    claimStatus: rng.pick(['claimed', 'unclaimed', 'unclaimed', 'disputed']),
    notes: `Attack near the ${rng.pick(WORDS)} ${i}.`,
  });
}

async function write(store: Store, bodies: Record<string, unknown>[], dataset: 'live' | 'demo'): Promise<void> {
  const matcher = await loadGroupMatcher(store);
  const rows = bodies.map((b) =>
    normalizeIncident(incidentInputSchema.parse(b), { matcher, timeZone: 'Asia/Karachi', sourceId: String(b.sourceId) }),
  );
  await transact(store, (tx) => writeIncidents(tx, rows, { dataset }));
}

function randomFilter(rng: Rng): IncidentFilter {
  const p: Record<string, string> = {};
  if (rng.chance(0.6)) {
    const from = 20_000 + rng.int(-2, 60);
    p.from = dayToDate(from);
    if (rng.chance(0.7)) p.to = dayToDate(from + rng.int(0, 20));
  } else if (rng.chance(0.3)) p.from = new Date((20_000 + rng.int(0, 60)) * 86_400_000 + rng.int(0, 86_399_999)).toISOString();
  if (rng.chance(0.4))
    p.group = [rng.pick(['ttp', 'bla', 'iskp', 'unknown', 'tjp', 'some-new-front', 'no-such-group']), rng.pick(['ttp', 'bla'])].join(',');
  if (rng.chance(0.4)) p.region = rng.pick(['kp', 'balochistan', 'none', 'kp,none', 'barmal', 'tajikistan']);
  if (rng.chance(0.3)) p.type = rng.pick(['Battles', 'suicide bomb', 'Attack', 'Explosions/Remote violence,Armed clash', 'Protests']);
  if (rng.chance(0.2)) p.minKilled = String(rng.pick([0, 1, 5, 10]));
  if (rng.chance(0.2)) p.minSources = String(rng.pick([1, 2, 3]));
  if (rng.chance(0.2)) p.claimStatus = rng.pick(['claimed', 'disputed', 'unclaimed,disputed', 'claimed,unclaimed,disputed']);
  if (rng.chance(0.2)) p.q = rng.pick([...WORDS, 'peshawar', 'ttp', '"', 'nothing-matches']);
  if (rng.chance(0.2)) p.source = rng.pick(['acled', 'ucdp,gtd', 'api', 'demo,report', 'acled,ucdp,gtd,report,api,demo']);
  if (rng.chance(0.2)) p.bbox = rng.pick(['69,29,73,36', '60,24,71,32', '74,31,75,32']);
  return incidentFilterSchema.parse({ ...p, limit: String(rng.int(1, 40)) });
}

let t: TempDb;
/** Another connection (another process on SQLite, another pool on PostgreSQL) whose index follows t.store's writes. */
let reader: Store;
/** How the index catches up on SQLite: which statements it prepares (SQLite's own connection). */
const sqliteOnly = it.skipIf(testEngine === 'postgres');

async function expectSameAnswers(rng: Rng, filters: number): Promise<void> {
  let nonEmpty = 0;
  for (let k = 0; k < filters; k++) {
    const f = randomFilter(rng);
    const { limit, cursor: _c, ...view } = f;
    const label = JSON.stringify(f);
    const page = await listIncidents(reader, f);
    expect(page.total, label).toBe(await sqlCount(t.store, view));
    if (page.total > 0) nonEmpty++;
    expect(
      page.items.map((i) => i.id),
      label,
    ).toEqual(await sqlPageIds(t.store, view, limit));
    if (page.nextCursor) {
      const next = await listIncidents(reader, { ...f, cursor: page.nextCursor });
      expect(
        next.items.map((i) => i.id),
        label,
      ).toEqual(await sqlPageIds(t.store, view, limit, page.nextCursor));
    }
    const facets = await sqlFacets(t.store, view);
    expect(await listFacets(reader, view), label).toEqual(facets);
    const combined = await listIncidents(reader, f, { facets: true });
    expect({ ...combined, facets: undefined }, label).toEqual({ ...page, facets: undefined });
    expect(combined.facets, label).toEqual(facets);
    const timeline = await incidentTimeline(reader, view, 'Asia/Karachi');
    expect(
      timeline.bins.reduce((n, b) => n + b.count, 0),
      label,
    ).toBe(page.total);
    const dated = !view.from?.includes('T') && !view.to?.includes('T');
    for (const b of timeline.bucket === 'day' && dated ? timeline.bins.slice(0, 5) : []) {
      expect(b.count, `${label} on ${b.start}`).toBe(await sqlCount(t.store, { ...view, from: b.start, to: b.start }));
    }
  }
  // The filters must mostly select something, or equal answers would prove little.
  expect(nonEmpty).toBeGreaterThan(filters / 3);
}

beforeAll(async () => {
  t = await useTempDb({ timeZone: 'Asia/Karachi' });
  const rng = new Rng(7);
  await write(
    t.store,
    Array.from({ length: 500 }, (_, i) => randomBody(rng, i)),
    'live',
  );
  await write(
    t.store,
    Array.from({ length: 100 }, (_, i) => randomBody(rng, 500 + i)),
    'demo',
  );
  // As if reports, and incidents of other datasets, had been merged into some incidents (before the reader builds its index).
  await builder(t.store)
    .update(incidents)
    .set({
      sourceCount: sql`1 + (${incidents.id} * 31) % 3`,
      mergedDatasets: sql`CASE WHEN ${incidents.id} % 4 = 0 THEN (${incidents.id} * 7) % 64 ELSE 0 END`,
    });
  reader = openStore(t.path, { poolMax: 2 });
});
afterAll(async () => {
  await closeStore(reader);
  await t.cleanup();
});

describe('incident index = SQL', () => {
  it('answers counts, pages and facets like SQL for random filters', async () => {
    await expectSameAnswers(new Rng(11), 300);
    expect((await incidentIndex(reader)).size).toBe(600);
  });

  it('follows inserts, edits and deletions made by another connection', async () => {
    const rng = new Rng(13);
    await write(
      t.store,
      Array.from({ length: 40 }, (_, i) => randomBody(rng, 1000 + i)),
      'live',
    );
    for (const id of [3, 50, 77, 420])
      await patchIncident(t.store, id, { killed: 40, group: 'iskp', occurredAt: '2024-10-05T19:01:00Z' }, { timeZone: 'Asia/Karachi' });
    for (const id of [4, 51, 602, 610]) expect(await deleteIncident(t.store, id)).toBe(true);
    // Re-writing the same rows: unchanged ones stay, the two deleted ones come back as new rows.
    await write(
      t.store,
      Array.from({ length: 40 }, (_, i) => randomBody(new Rng(13), 1000 + i)),
      'live',
    );
    await expectSameAnswers(new Rng(17), 200);
    expect((await incidentIndex(reader)).size).toBe(600 + 40 - 4 + 2);
  });

  it('follows reports merged by another connection (source count and claim status change)', async () => {
    const before = await incidentIndex(reader);
    const reports = await storeReports(
      t.store,
      ...[11, 12, 13].map((n) => ({ ...BANNU.followUp, url: `https://tribune.example/oracle-${n}` })),
    );
    for (const [k, id] of reports.entries())
      await mergeReport(t.store, id, { incidentId: 20 + k, adoptFigures: k === 0 }, { timeZone: 'Asia/Karachi', actor: 'test' });
    expect(await incidentIndex(reader)).toBe(before); // caught up from the outbox, not reloaded
    const merged = await listIncidents(reader, incidentFilterSchema.parse({ claimStatus: 'disputed', minSources: '2', limit: 1000 }));
    expect(merged.items.map((i) => i.id)).toEqual(expect.arrayContaining([20, 21, 22]));
    await expectSameAnswers(new Rng(43), 100);
  });

  it(`merges the side segment into the main columns past ${MAX_EXTRA} changes`, async () => {
    const rng = new Rng(19);
    await write(
      t.store,
      Array.from({ length: MAX_EXTRA + 50 }, (_, i) => randomBody(rng, 5000 + i)),
      'live',
    );
    const index = await incidentIndex(reader);
    expect(index.extra.n).toBe(0);
    expect(index.size).toBe(638 + MAX_EXTRA + 50);
    await expectSameAnswers(new Rng(23), 100);
  });

  it('catches up row by row however many alert rows the outbox gained meanwhile', async () => {
    const before = await incidentIndex(reader);
    const size = before.size;
    const rng = new Rng(31);
    await write(
      t.store,
      Array.from({ length: 3 }, (_, i) => randomBody(rng, 20_000 + i)),
      'live',
    );
    // 25,000 alert outbox rows (more than a full reload's threshold), as ~1,400 posts firing 17 rules leave.
    await execute(
      t.store,
      engineOf(t.store) === 'postgres'
        ? sql`INSERT INTO events (type, ref_id, action, created_at) SELECT 'alert', 1, 'fired', 0 FROM generate_series(1, 25000)`
        : sql`INSERT INTO events (type, ref_id, action, created_at) SELECT 'alert', 1, 'fired', 0 FROM json_each(${JSON.stringify(Array(25_000).fill(0))})`,
    );
    await write(
      t.store,
      Array.from({ length: 2 }, (_, i) => randomBody(rng, 20_100 + i)),
      'live',
    );
    const after = await incidentIndex(reader);
    expect(after).toBe(before); // the same index object, caught up: no reload
    expect(after.size).toBe(size + 5);
    expect(after.seq).toBe(Number((await rowsOf<{ n: number }>(t.store, sql`SELECT max(seq) AS n FROM events`))[0].n));
    await expectSameAnswers(new Rng(37), 50);
  });

  sqliteOnly("catches up on a large import from the batch's recorded ids, and by a scan for batches without them", async () => {
    const fresh = openDatabase(t.path);
    try {
      const before = await incidentIndex(fresh);
      const size = before.size;
      const rows = variedAcled(PER_ROW_EVENT_LIMIT + 50, 30_000);
      const report = await importCsv(t.db, acledCsv(rows), { format: 'acled', timeZone: 'Asia/Karachi' });
      const stored = t.db.$client.prepare('SELECT changed_ids FROM import_batches WHERE id = ?').pluck().get(report.batchId) as Buffer;
      const byScan = t.db.$client.prepare('SELECT id FROM incidents WHERE import_batch_id = ? ORDER BY id').pluck().all(report.batchId);
      expect(decodeChangedIds(stored).sort((a, b) => a - b)).toEqual(byScan);
      const seen: string[] = [];
      const prepare = fresh.$client.prepare.bind(fresh.$client);
      const spy = vi.spyOn(fresh.$client, 'prepare').mockImplementation((text: string) => (seen.push(text), prepare(text)));
      try {
        expect(await incidentIndex(fresh)).toBe(before); // caught up, not reloaded
      } finally {
        spy.mockRestore();
      }
      expect(before.size).toBe(size + report.inserted);
      expect(seen.filter((q) => q.includes('import_batch_id'))).toEqual([]);
      // A batch imported before changed_ids existed: found by scanning for its rows.
      const legacy = await importCsv(t.db, acledCsv(revised(rows)), { format: 'acled', timeZone: 'Asia/Karachi' });
      expect(legacy.updated).toBeGreaterThan(PER_ROW_EVENT_LIMIT / 2);
      t.db.$client.prepare('UPDATE import_batches SET changed_ids = NULL WHERE id = ?').run(legacy.batchId);
      expect(await incidentIndex(fresh)).toBe(before);
      expect((await listIncidents(fresh, incidentFilterSchema.parse({ limit: 500 }))).total).toBe(await sqlCount(t.db, {}));
    } finally {
      fresh.$client.close();
    }
    await expectSameAnswers(new Rng(41), 50);
  });

  it('follows a large CSV import (one import outbox row) and its revised re-import', async () => {
    const before = (await incidentIndex(reader)).size;
    const rows = variedAcled(PER_ROW_EVENT_LIMIT + 200);
    const first = await importCsv(t.store, acledCsv(rows), { format: 'acled', timeZone: 'Asia/Karachi' });
    const importEvents = await builder(t.store)
      .select({ seq: events.seq })
      .from(events)
      .where(and(eq(events.type, 'import'), eq(events.refId, first.batchId!)));
    expect(importEvents).toHaveLength(1);
    expect((await incidentIndex(reader)).size).toBe(before + first.inserted);
    const second = await importCsv(t.store, acledCsv(revised(rows)), { format: 'acled', timeZone: 'Asia/Karachi' });
    expect(second.updated).toBeGreaterThan(PER_ROW_EVENT_LIMIT / 2);
    await expectSameAnswers(new Rng(29), 100);
  });
});
