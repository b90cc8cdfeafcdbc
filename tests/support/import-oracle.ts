import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase, type Db } from '@/db/connection';
import { migrateSqlite } from '@/db/migrate';
import { importBatches } from '@/db/schema';
import { validateImport } from '@/server/import/import';
import { writeIncidentsSync, type WriteResult } from '@/db/services/ingest';
import { inImmediateTransaction } from '@/db/services/transaction';
import { acledCsv, syntheticAcled, type AcledRow } from './api-acled';

export const TZ = 'Asia/Karachi';

/** Fresh migrated database files for one test file; `cleanup()` (afterEach) removes them. */
export function importDbs() {
  const dirs: string[] = [];
  return {
    fresh(): Db {
      const dir = mkdtempSync(join(tmpdir(), 'fw-import-'));
      dirs.push(dir);
      const db = openDatabase(join(dir, 'test.db'));
      migrateSqlite(db, { reportTimeZone: TZ });
      return db;
    },
    cleanup(): void {
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

/**
 * The write path imports used before the bulk writer, as the oracle: the same validated rows
 * through writeIncidentsSync (drizzle upserts, row triggers firing per insert, one outbox row each).
 */
export async function referenceImport(db: Db, csv: string, now: number): Promise<WriteResult> {
  const { rows, count, errors } = await validateImport(db, csv, { format: 'acled', timeZone: TZ });
  if (errors.length) throw new Error(JSON.stringify(errors.slice(0, 3)));
  return inImmediateTransaction(db, (tx) => {
    const batch = tx
      .insert(importBatches)
      .values({ fileName: null, format: 'acled', checksum: '-', rows: count, inserted: 0, updated: 0, unchanged: 0, createdAt: now })
      .returning()
      .get();
    const result = writeIncidentsSync(tx, rows, { dataset: 'import', importBatchId: batch.id, now });
    tx.update(importBatches)
      .set({ inserted: result.inserted, updated: result.updated, unchanged: result.unchanged })
      .where(eq(importBatches.id, batch.id))
      .run();
    return result;
  });
}

/** Everything an import stores, in a stable order: incidents (every column), groups, rollup, FTS postings. */
export function dumpStore(db: Db) {
  const c = db.$client;
  c.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_postings USING fts5vocab(main, incidents_fts, instance)');
  return {
    incidents: c.prepare('SELECT * FROM incidents ORDER BY id').all(),
    groups: c.prepare('SELECT * FROM groups ORDER BY id').all(),
    dayStats: c.prepare('SELECT * FROM incident_day_stats ORDER BY day, region, group_id, event_type').all(),
    fts: c.prepare('SELECT term, doc, col, offset FROM temp.fts_postings ORDER BY doc, col, offset').all(),
  };
}

/** Varied ACLED rows: new actors, quoted commas, quotes and line breaks, cross-border tags, Tajikistan. */
export function variedAcled(n: number, offset = 0): AcledRow[] {
  return syntheticAcled(n, offset).map((r, i) => {
    const k = i + offset;
    if (k % 11 === 0) return { ...r, actor1: `Lashkar-e-Test ${k % 3}`, inter1: 'Rebel group' };
    if (k % 13 === 0) return { ...r, notes: `Said "we, the ""front"", did it";\nsecond line ${k}`, tags: 'cross-border' };
    if (k % 17 === 0)
      return {
        ...r,
        country: 'Tajikistan',
        iso: 762,
        admin1: 'Khatlon',
        admin2: '',
        location: 'Bokhtar',
        latitude: 37.84,
        longitude: 68.78,
      };
    // Text outside ASCII: PostgreSQL computes its search document itself (the import computes ASCII ones).
    if (k % 23 === 0) return { ...r, notes: `Émigré convoy near Peshawar (پشاور) ${k}` };
    if (k % 19 === 0)
      return { ...r, civilian_targeting: 'Civilian targeting', event_type: 'Violence against civilians', sub_event_type: 'Attack' };
    return r;
  });
}

/** A second version of `rows`: some changed (killed, notes, group, day, region), the rest as they were. */
export function revised(rows: AcledRow[]): AcledRow[] {
  return rows.map((r, i) => {
    if (i % 7 === 1) return { ...r, fatalities: Number(r.fatalities ?? 0) + 3 };
    if (i % 7 === 2) return { ...r, notes: `${r.notes} Updated.` };
    if (i % 7 === 3) return { ...r, actor1: 'BLA: Balochistan Liberation Army' };
    if (i % 7 === 4) return { ...r, event_date: '2022-06-01' };
    if (i % 7 === 5) return { ...r, admin1: 'Balochistan' };
    return r;
  });
}

export { acledCsv };
