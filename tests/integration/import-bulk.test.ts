import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/connection';
import { eq } from 'drizzle-orm';
import { importBatches } from '@/db/schema';
import { importCacheKiB, importCsv, validateImport } from '@/server/import/import';
import { transact } from '@/db/engine';
import { ImportWriter, PER_ROW_EVENT_LIMIT } from '@/db/services/import-writer';
import { ROLLUP_TRIGGER, rollupTriggerMirrored } from '@/db/services/import-writer-rollup';
import { listIncidents } from '@/db/queries/incidents';
import { getMapBounds } from '@/server/map/map-bounds';
import { toFrames } from '@/server/live/outbox';
import { incidentFilterSchema } from '@/lib/validation/incident-filter';
import { acledCsv, dumpStore, importDbs, referenceImport, revised, TZ, variedAcled } from '../support/import-oracle';
import { acledRow } from '../support/api-acled';

const dbs = importDbs();
const freshDb = () => dbs.fresh();
afterEach(() => dbs.cleanup());

const opts = (now: number) => ({ format: 'acled' as const, timeZone: TZ, now });
const triggers = (db: Db) => db.$client.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").all();
const outbox = (db: Db) => db.$client.prepare('SELECT type, ref_id AS refId, action FROM events ORDER BY seq').all();
/** An independent recount of the rollup from the raw rows. */
const recount = (db: Db) =>
  db.$client
    .prepare(
      `SELECT occurred_day AS day, coalesce(region, 'none') AS region, group_id, event_type, count(*) AS incidents, sum(coalesce(killed, 0)) AS killed,
         sum(time_precision > 1) AS imprecise, sum(cross_border) AS cross_border, sum(dataset = 'import') AS imported
       FROM incidents GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    )
    .all();
const stats = (db: Db) =>
  db.$client
    .prepare(
      'SELECT day, region, group_id, event_type, incidents, killed, imprecise, cross_border, imported FROM incident_day_stats ORDER BY 1, 2, 3, 4',
    )
    .all();

describe('bulk import writer', () => {
  it('stores exactly what the per-row path stores: first import, then a revised file with updates and unchanged rows', async () => {
    const [bulk, reference] = [freshDb(), freshDb()];
    const before = triggers(bulk);
    const first = variedAcled(400);
    const a1 = await importCsv(bulk, acledCsv(first), opts(1_000));
    await referenceImport(reference, acledCsv(first), 1_000);
    expect(a1).toMatchObject({ rows: 400, inserted: 400, updated: 0, unchanged: 0, errors: [] });
    expect(dumpStore(bulk)).toEqual(dumpStore(reference));

    const second = [...revised(first), ...variedAcled(50, 400)];
    const a2 = await importCsv(bulk, acledCsv(second), opts(2_000));
    const r2 = await referenceImport(reference, acledCsv(second), 2_000);
    expect([a2.inserted, a2.updated, a2.unchanged]).toEqual([r2.inserted, r2.updated, r2.unchanged]);
    expect(a2.updated).toBeGreaterThan(200);
    expect(a2.unchanged).toBeGreaterThan(50);
    const store = dumpStore(bulk);
    expect(store).toEqual(dumpStore(reference));
    expect(store.groups.length).toBeGreaterThan(dumpStore(freshDb()).groups.length);
    // Small imports keep one outbox row per inserted/updated incident, in the same order.
    expect(outbox(bulk).filter((e) => (e as { type: string }).type !== 'alert')).toEqual(outbox(reference));
    expect(triggers(bulk)).toEqual(before);
  });

  it('a large import appends one import event, keeps the rollup exact through updates, and FTS finds its rows', async () => {
    const db = freshDb();
    const rows = variedAcled(PER_ROW_EVENT_LIMIT * 2);
    const first = await importCsv(db, acledCsv(rows), opts(1_000));
    expect(outbox(db)).toEqual([{ type: 'import', refId: first.batchId, action: 'imported' }]);
    const second = await importCsv(db, acledCsv([...revised(rows), ...variedAcled(30, rows.length)]), opts(2_000));
    expect(second.updated + second.inserted).toBeGreaterThan(PER_ROW_EVENT_LIMIT);
    expect(stats(db)).toEqual(recount(db));
    expect(outbox(db).at(-1)).toEqual({ type: 'import', refId: second.batchId, action: 'imported' });

    const page = await listIncidents(db, incidentFilterSchema.parse({ q: 'Bokhtar', limit: '500' }));
    const expected = db.$client.prepare("SELECT count(*) AS n FROM incidents WHERE location = 'Bokhtar'").get() as { n: number };
    expect(expected.n).toBeGreaterThan(0);
    expect(page.total).toBe(expected.n);
    const updatedNote = await listIncidents(db, incidentFilterSchema.parse({ q: 'Updated', limit: '1' }));
    expect(updatedNote.total).toBeGreaterThan(0);
  });

  it('writes nothing when the last row of a large file is invalid, and names that row', async () => {
    const db = freshDb();
    const before = triggers(db);
    const rows = [...variedAcled(2500), acledRow({ event_id_cnty: 'PAK-BAD', latitude: 123 })];
    const report = await importCsv(db, acledCsv(rows), opts(1_000));
    expect(report.errors).toEqual([{ row: 2502, column: 'latitude', message: 'must be between -90 and 90' }]);
    expect([report.inserted, report.batchId]).toEqual([0, null]);
    for (const table of ['incidents', 'events', 'import_batches', 'incident_day_stats', 'audit_log']) {
      expect(db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
    expect(triggers(db)).toEqual(before);
  });

  it('runs the deferred FTS and rollup passes in steps during the write with the same result as the per-row path', async () => {
    const [stepped, reference] = [freshDb(), freshDb()];
    const steppedImport = async (db: Db, csv: string, now: number) => {
      const { rows, count } = await validateImport(db, csv, { format: 'acled', timeZone: TZ });
      await transact(db, async (store) => {
        const tx = store as Db;
        const batch = tx
          .insert(importBatches)
          .values({ fileName: null, format: 'acled', checksum: '-', rows: count, inserted: 0, updated: 0, unchanged: 0, createdAt: now })
          .returning()
          .get();
        const writer = new ImportWriter(tx, { importBatchId: batch.id, now, triggerStepRows: 7 });
        await writer.add(rows);
        const result = writer.finish();
        tx.update(importBatches)
          .set({ inserted: result.inserted, updated: result.updated, unchanged: result.unchanged })
          .where(eq(importBatches.id, batch.id))
          .run();
      });
    };
    const before = triggers(stepped);
    const first = variedAcled(100);
    await steppedImport(stepped, acledCsv(first), 1_000);
    await referenceImport(reference, acledCsv(first), 1_000);
    expect(dumpStore(stepped)).toEqual(dumpStore(reference));
    // Updates of rows whose passes ran, with new rows stepped in between.
    const second = [...revised(first), ...variedAcled(45, 100)];
    await steppedImport(stepped, acledCsv(second), 2_000);
    await referenceImport(reference, acledCsv(second), 2_000);
    expect(dumpStore(stepped)).toEqual(dumpStore(reference));
    // New rows first (the writer inserts and lets the unique index find stored ones), then stored
    // rows, unchanged and revised, between new ones: the same ids and rows as the reference.
    const third = [...variedAcled(30, 200), ...first.slice(0, 10), ...revised(second.slice(10, 20)), ...variedAcled(5, 300)];
    await steppedImport(stepped, acledCsv(third), 3_000);
    await referenceImport(reference, acledCsv(third), 3_000);
    expect(dumpStore(stepped)).toEqual(dumpStore(reference));
    expect(stats(stepped)).toEqual(recount(stepped));
    expect(triggers(stepped)).toEqual(before);
  });

  it('sums the day rollup as its trigger does, for every column the trigger reads (native rows: casualty splits, claims, precision)', async () => {
    const [mirrored, generic] = [freshDb(), freshDb()];
    expect(rollupTriggerMirrored(mirrored.$client)).toBe(true);
    // The same trigger in other words: the writer no longer recognises it and runs its generic
    // set-based pass, i.e. the trigger's own SQL, which is the reference here.
    const { sql: createSql } = generic.$client.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(ROLLUP_TRIGGER) as {
      sql: string;
    };
    generic.$client.exec(`DROP TRIGGER ${ROLLUP_TRIGGER}; ${createSql.replace('COALESCE(NEW.killed, 0)', 'coalesce(NEW.killed, 0)')}`);
    expect(rollupTriggerMirrored(generic.$client)).toBe(false);
    const header =
      'sourceId,occurredAt,country,admin1,lat,lon,eventType,subEventType,group,timePrecision,killed,injured,killedSecurity,killedCivilians,killedMilitants,injuredSecurity,injuredCivilians,injuredMilitants,claimStatus,crossBorder';
    const cells = (i: number) => {
      const maybe = (k: number, v: number) => (i % k === 0 ? '' : String(v));
      return [
        `n-${i}`,
        `2024-12-${String(1 + (i % 5)).padStart(2, '0')}`,
        i % 7 === 0 ? 'TJ' : 'PK',
        i % 7 === 0 ? 'Khatlon' : i % 2 ? 'Khyber Pakhtunkhwa' : 'Balochistan',
        i % 7 === 0 ? 37.8 : 30 + (i % 5),
        i % 7 === 0 ? 68.8 : 66 + (i % 6),
        i % 3 ? 'Battles' : 'Explosions/Remote violence',
        i % 3 ? 'Armed clash' : 'Remote explosive/landmine/IED',
        i % 4 ? 'TTP' : 'Baloch Liberation Army',
        1 + (i % 3),
        maybe(6, 9 + (i % 4)), // killed: every split below adds up to at most 9
        maybe(5, 6 + (i % 3)), // injured: at most 6
        maybe(2, i % 4),
        maybe(3, i % 3),
        maybe(4, 1 + (i % 2)), // a total without splits, or splits without a total (0 + unattributed)
        maybe(3, i % 2),
        maybe(2, 1 + (i % 2)),
        maybe(5, i % 3),
        i % 5 ? 'unclaimed' : 'claimed',
        i % 6 ? 'false' : 'true',
      ].join(',');
    };
    const csv = (from: number, to: number) => [header, ...Array.from({ length: to - from }, (_, k) => cells(from + k))].join('\n');
    for (const [k, [from, to]] of [
      [0, 600],
      [300, 900],
    ].entries()) {
      for (const db of [mirrored, generic]) {
        const report = await importCsv(db, csv(from, to), { format: 'native', timeZone: TZ, now: 1_000 + k });
        expect(report.errors).toEqual([]);
      }
      expect(dumpStore(mirrored).dayStats).toEqual(dumpStore(generic).dayStats);
    }
    expect(stats(mirrored)).toEqual(recount(mirrored));
    const sums = dumpStore(mirrored).dayStats as Record<string, number>[];
    for (const column of ['killed_unattributed', 'injured_security', 'injured_unattributed', 'claimed', 'imprecise', 'cross_border'])
      expect(
        sums.some((r) => r[column] > 0),
        column,
      ).toBe(true);
  });

  it('a dry run of a large file reports the counts and leaves no trace', async () => {
    const db = freshDb();
    const before = triggers(db);
    const report = await importCsv(db, acledCsv(variedAcled(1500)), { ...opts(1_000), dryRun: true });
    expect(report).toMatchObject({ rows: 1500, inserted: 1500, dryRun: true, batchId: null });
    expect(db.$client.prepare('SELECT (SELECT count(*) FROM incidents) + (SELECT count(*) FROM events) AS n').get()).toEqual({ n: 0 });
    expect(triggers(db)).toEqual(before);
  });

  it('the live stream sends a large import as one import frame, and the map index is rebuilt for it', async () => {
    const db = freshDb();
    await importCsv(db, acledCsv(variedAcled(20)), opts(1_000));
    const filter = incidentFilterSchema.parse({});
    expect((await getMapBounds(db, filter)).total).toBe(20);
    const report = await importCsv(db, acledCsv(variedAcled(PER_ROW_EVENT_LIMIT + 1, 20)), opts(2_000));
    const rows = db.$client.prepare("SELECT seq, 0 AS xid, type, ref_id AS refId FROM events WHERE type = 'import'").all() as {
      seq: number;
      xid: number;
      type: string;
      refId: number;
    }[];
    const frames = await toFrames(db, rows);
    expect(frames).toHaveLength(1);
    expect(frames[0].frame).toBe(
      `id: ${rows[0].seq}\nevent: import\ndata: ${JSON.stringify({ batchId: report.batchId, inserted: PER_ROW_EVENT_LIMIT + 1, updated: 0 })}\n\n`,
    );
    expect((await getMapBounds(db, filter)).total).toBe(PER_ROW_EVENT_LIMIT + 21);
  });

  it('the map index picks up every incident created since it was built, however many alert rows lie between them', async () => {
    const db = freshDb();
    await importCsv(db, acledCsv(variedAcled(20)), opts(1_000));
    const filter = incidentFilterSchema.parse({});
    expect((await getMapBounds(db, filter)).total).toBe(20);
    // Two posts, each followed by the alert rows of ~20 rules firing 20 times over (400 rows).
    const alerts = db.$client.prepare(
      `INSERT INTO events (type, ref_id, action, created_at) SELECT 'alert', 1, 'fired', 0 FROM json_each(?)`,
    );
    for (const k of [0, 1]) {
      await importCsv(db, acledCsv(variedAcled(1, 100 + k)), opts(1_100 + k));
      alerts.run(JSON.stringify(Array(400).fill(0)));
    }
    expect((await getMapBounds(db, filter)).total).toBe(22);
  });

  it('grows the page cache for the import transaction only, whether it commits or rolls back', async () => {
    const db = freshDb();
    db.$client.pragma('cache_size = -100'); // 100 KiB, so a small file is large for it
    const before = db.$client.pragma('cache_size', { simple: true }) as number;
    const csv = acledCsv(variedAcled(300));
    expect(importCacheKiB(csv.length)).toBeGreaterThan(100);
    const seen: unknown[] = [];
    const pragma = db.$client.pragma.bind(db.$client);
    vi.spyOn(db.$client, 'pragma').mockImplementation((source: string, o?: object) => {
      if (source.startsWith('cache_size =')) seen.push([source, db.$client.inTransaction]);
      return pragma(source, o);
    });
    await importCsv(db, csv, opts(1_000));
    await importCsv(db, acledCsv([acledRow({ event_id_cnty: 'PAK-BAD', latitude: 123 })]), opts(2_000));
    expect(seen).toEqual([
      [`cache_size = -${importCacheKiB(csv.length)}`, false],
      [`cache_size = ${before}`, false],
    ]);
    await importCsv(db, csv, { ...opts(3_000), dryRun: true });
    expect(seen).toHaveLength(4);
    expect(db.$client.pragma('cache_size', { simple: true })).toBe(before);
  });

  it('merges the FTS index 8 segments at a time while importing and puts the setting back (FTS5 default 4 when never set)', async () => {
    const db = freshDb();
    const config = () => db.$client.prepare('SELECT k, v FROM incidents_fts_config ORDER BY k').all();
    const automerge = () => db.$client.prepare("SELECT v FROM incidents_fts_config WHERE k = 'automerge'").pluck().get();
    const write = async (rows: ReturnType<typeof variedAcled>, now: number, during: unknown[]) => {
      const { rows: valid } = await validateImport(db, acledCsv(rows), { format: 'acled', timeZone: TZ });
      await transact(db, async (store) => {
        const tx = store as Db;
        const batch = tx
          .insert(importBatches)
          .values({
            fileName: null,
            format: 'acled',
            checksum: '-',
            rows: valid.length,
            inserted: 0,
            updated: 0,
            unchanged: 0,
            createdAt: now,
          })
          .returning()
          .get();
        const writer = new ImportWriter(tx, { importBatchId: batch.id, now, triggerStepRows: 7 });
        during.push(automerge());
        await writer.add(valid);
        writer.finish();
      });
    };
    const before = config();
    expect(automerge()).toBeUndefined();
    const during: unknown[] = [];
    await write(variedAcled(40), 1_000, during);
    expect(config()).toEqual(
      [...before, { k: 'automerge', v: 4 }].sort((a, b) => String((a as { k: string }).k).localeCompare((b as { k: string }).k)),
    );
    db.$client.exec("INSERT INTO incidents_fts(incidents_fts, rank) VALUES ('automerge', 2)");
    const set = config();
    await write(variedAcled(40, 40), 2_000, during);
    expect(during).toEqual([8, 8]);
    expect(config()).toEqual(set);
    expect(automerge()).toBe(2);
    // A rolled-back import leaves the setting as it was too.
    await importCsv(db, acledCsv([...variedAcled(30, 80), acledRow({ event_id_cnty: 'PAK-BAD', latitude: 123 })]), opts(3_000));
    expect(config()).toEqual(set);
  });
});
