import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/connection';
import { importCsv } from '@/server/import/import';
import { startAlertScheduler } from '@/server/alerts/alert-scheduler';
import { acledCsv, importDbs, TZ, variedAcled } from '../support/import-oracle';

const dbs = importDbs();
afterEach(() => dbs.cleanup());

/** Rows sqlite_stat1 records for a table without indexes (its first number), or null. */
const recordedRows = (db: Db, table: string) => {
  const stat = db.$client.prepare('SELECT stat FROM sqlite_stat1 WHERE tbl = ? AND idx IS NULL').pluck().get(table) as string | undefined;
  return stat === undefined ? null : Number(stat.split(' ')[0]);
};
const rows = (db: Db, table: string) => db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('planner statistics', () => {
  // With the 2-row estimate a fresh database records, FTS5's own merge queries scan the whole
  // index, and a regular share of single-row writes stalled at scale (docs/benchmarks.md).
  it('an import refreshes the statistics of the FTS shadow tables it grew, not only of the tables it named', async () => {
    const db = dbs.fresh();
    const before = recordedRows(db, 'incidents_fts_data');
    expect(before ?? 0).toBeLessThan(10);
    const report = await importCsv(db, acledCsv(variedAcled(12_000)), { format: 'acled', timeZone: TZ, now: 1_000 });
    expect(report.inserted).toBe(12_000);
    const actual = rows(db, 'incidents_fts_data');
    expect(actual).toBeGreaterThan(25 * Math.max(before ?? 1, 2));
    expect(recordedRows(db, 'incidents_fts_data')).toBe(actual);
  });

  it('a running server re-checks them on its own, for tables grown by live writes or another process', async () => {
    const db = dbs.fresh();
    await importCsv(db, acledCsv(variedAcled(12_000)), { format: 'acled', timeZone: TZ, now: 1_000 });
    const actual = rows(db, 'incidents_fts_data');
    // As a server started on a small database sees them after months of single writes.
    db.$client.exec("UPDATE sqlite_stat1 SET stat = '2' WHERE tbl = 'incidents_fts_data'; ANALYZE sqlite_schema");
    expect(recordedRows(db, 'incidents_fts_data')).toBe(2);
    const scheduler = startAlertScheduler({
      db: () => db,
      horizonHours: () => 72,
      windowEveryMs: 60_000,
      webhookEveryMs: 60_000,
      statsEveryMs: 20,
    });
    try {
      for (let i = 0; i < 200 && recordedRows(db, 'incidents_fts_data') !== actual; i++) await new Promise((r) => setTimeout(r, 25));
    } finally {
      scheduler.stop();
    }
    expect(recordedRows(db, 'incidents_fts_data')).toBe(actual);
  });
});
