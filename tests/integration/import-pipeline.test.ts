import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/connection';
import { importCsv, importCsvPipelined } from '@/server/import/import';
import { PIPELINE_MIN_CHARS } from '@/server/import/import-pipeline';
import { acledCsv, dumpStore, importDbs, revised, TZ, variedAcled } from '../support/import-oracle';
import { acledRow } from '../support/api-acled';

const dbs = importDbs();
const freshDb = () => dbs.fresh();
afterEach(() => dbs.cleanup());

const opts = { format: 'acled' as const, timeZone: TZ, now: 1_000 };
const count = (db: Db, table: string) => (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const rows = variedAcled(6000);
const csv = acledCsv(rows);

describe('pipelined import (worker thread validates, this thread writes)', () => {
  it('runs for large files and stores exactly what the in-thread import stores, also for a revised file', async () => {
    expect(csv.length).toBeGreaterThan(PIPELINE_MIN_CHARS / 2);
    const [piped, inThread] = [freshDb(), freshDb()];
    const a = await importCsvPipelined(piped, csv, opts);
    expect(a).not.toBeNull();
    expect(a).toEqual(await importCsv(inThread, csv, opts));
    const second = acledCsv([...revised(rows), ...variedAcled(100, rows.length)]);
    const b = await importCsvPipelined(piped, second, { ...opts, now: 2_000 });
    expect(b).toEqual(await importCsv(inThread, second, { ...opts, now: 2_000 }));
    expect(b!.updated).toBeGreaterThan(1000);
    expect(dumpStore(piped)).toEqual(dumpStore(inThread));
  });

  it('rolls back rows already written when the last row is invalid, and reports every bad row', async () => {
    const db = freshDb();
    const bad = [...rows, acledRow({ event_id_cnty: 'PAK-X', latitude: 123 }), acledRow({ event_id_cnty: 'PAK-Y', event_type: 'Nope' })];
    const report = (await importCsvPipelined(db, acledCsv(bad), opts))!;
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [rows.length + 2, 'latitude'],
      [rows.length + 3, 'event_type'],
    ]);
    expect([report.rows, report.inserted, report.batchId]).toEqual([rows.length + 2, 0, null]);
    for (const table of ['incidents', 'events', 'import_batches', 'incident_day_stats', 'audit_log'])
      expect(count(db, table), table).toBe(0);
    // The bulk path drops and restores the incidents' triggers: all six are back.
    expect(count(db, "sqlite_schema WHERE type = 'trigger' AND tbl_name = 'incidents'")).toBe(6);
  });

  it('falls back to csv-parse, with its verdict, when the fast reader gives up near the end', async () => {
    const db = freshDb();
    const report = (await importCsvPipelined(db, `${csv}PAK-Z,2024-01-01,"quoted" tail\n`, opts))!;
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0].message).toMatch(/^malformed CSV/);
    expect(count(db, 'incidents')).toBe(0);
  });
});
