/**
 * The import's transaction and its ledger row (import_batches), with the page cache sized to the
 * file; server/import/import.ts reads and validates the file (on a worker thread when large) and
 * feeds the rows in.
 */
import { eq } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { importBatches } from '@/db/schema';
import { refreshPlannerStats } from '@/db/planner-stats';
import type { RowError } from '@/lib/csv/record-reader';
import { encodeChangedIds } from '@/db/changed-ids';
import type { ImportFormat, Validated } from '@/lib/import/validate-rows';
import { afterIngestSync } from './after-ingest';
import { recordAudit } from './audit';
import { ImportWriter } from './import-writer';
import { inImmediateTransaction } from './transaction';

export interface ImportOptions {
  format: ImportFormat;
  timeZone: string;
  dryRun?: boolean;
  fileName?: string | null;
  createdBy?: string | null;
  now?: number;
}

export interface ImportReport {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
  batchId: number | null;
  errors: RowError[];
}

/** Marks a dry run's transaction for rollback once the counts are known. */
class DryRunRollback extends Error {}

export const invalidReport = ({ count, errors }: Pick<Validated, 'count' | 'errors'>, opts: ImportOptions): ImportReport => ({
  rows: count,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  dryRun: opts.dryRun ?? false,
  batchId: null,
  errors,
});

/** Thrown inside the transaction to roll it back: a row turned out invalid after earlier ones were written. */
class InvalidRows extends Error {
  constructor(readonly verdict: Pick<Validated, 'count' | 'errors'>) {
    super('invalid rows');
  }
}

/** The most page cache an import may use (KiB): see importCacheKiB. */
const IMPORT_CACHE_MAX_KIB = 1024 * 1024;

/**
 * Page cache for an import of `chars` characters, in KiB: about 8 bytes per character of CSV.
 * A 200k-row file dirties ~250 MB of table, index and FTS pages; with the connection's 64 MiB
 * they spill to the WAL mid-transaction and are read back by later rows and by the deferred
 * FTS/rollup passes; a cache that holds them makes the next file markedly faster
 * (docs/benchmarks.md, "Numbers behind code comments").
 */
export const importCacheKiB = (chars: number) => Math.min(IMPORT_CACHE_MAX_KIB, Math.ceil((chars * 8) / 1024));

/**
 * Runs an import's transactions (one per file) with the page cache a file of `chars` characters
 * wants, restoring the connection's own size afterwards. Across the files of one run the cache
 * keeps the pages the previous file wrote.
 */
export function importSession<T>(store: Store, chars: number, run: () => T): T {
  const db = sqlOf(store);
  const client = db.$client;
  const cacheSize = client.pragma('cache_size', { simple: true }) as number; // < 0: KiB, > 0: pages
  const currentKiB = cacheSize < 0 ? -cacheSize : (cacheSize * (client.pragma('page_size', { simple: true }) as number)) / 1024;
  const wantedKiB = importCacheKiB(chars);
  const grow = wantedKiB > currentKiB;
  if (grow) client.pragma(`cache_size = -${wantedKiB}`);
  try {
    return run();
  } finally {
    if (grow) client.pragma(`cache_size = ${cacheSize}`);
  }
}

/**
 * What an import's feed writes rows through: only adding rows, so code above db/ never holds the
 * writer's connection or statements.
 */
export type ImportRowSink = Pick<ImportWriter, 'add' | 'addPacked'>;

/**
 * The one write transaction of an import. `feed` hands rows to the sink in file order and returns
 * the verdict (row count, errors) once the whole file is read; any error rolls everything back.
 * The feed is the one caller code that runs inside a db/ transaction: a file's rows stream from the
 * parsing worker while earlier ones are written (docs/architecture.md, "Store boundary").
 */
export function writeTransaction(
  store: Store,
  opts: ImportOptions,
  checksum: string,
  feed: (rows: ImportRowSink) => Pick<Validated, 'count' | 'errors'>,
): ImportReport {
  const db = sqlOf(store);
  const now = opts.now ?? Date.now();
  const dryRun = opts.dryRun ?? false;
  const report: ImportReport = { rows: 0, inserted: 0, updated: 0, unchanged: 0, dryRun, batchId: null, errors: [] };
  try {
    inImmediateTransaction(db, (tx) => {
      const batch = tx
        .insert(importBatches)
        .values({
          fileName: opts.fileName ?? null,
          format: opts.format,
          checksum,
          rows: 0,
          inserted: 0,
          updated: 0,
          unchanged: 0,
          createdBy: opts.createdBy ?? null,
          createdAt: now,
        })
        .returning({ id: importBatches.id })
        .get();
      const writer = new ImportWriter(tx, { importBatchId: batch.id, now });
      const verdict = feed(writer);
      if (verdict.errors.length) throw new InvalidRows(verdict);
      const { inserted, updated, unchanged } = writer.result;
      const rows = verdict.count;
      Object.assign(report, { rows, inserted, updated, unchanged, batchId: batch.id });
      if (dryRun) throw new DryRunRollback();
      const result = writer.finish();
      tx.update(importBatches)
        .set({ rows, inserted, updated, unchanged, changedIds: encodeChangedIds(result.changedIds) })
        .where(eq(importBatches.id, batch.id))
        .run();
      afterIngestSync(tx, result, { now, via: 'import' });
      recordAudit(tx, {
        actor: opts.createdBy ?? 'cli',
        action: 'import',
        entity: 'import',
        entityId: batch.id,
        after: { fileName: opts.fileName ?? null, format: opts.format, rows, inserted, updated, unchanged },
        at: now,
      });
    });
    // A bulk load can change table sizes by orders of magnitude: refresh planner statistics after
    // every file (refreshing once per run instead made a multi-file run slower: later files were
    // planned with stale statistics).
    void refreshPlannerStats(db);
  } catch (err) {
    if (err instanceof InvalidRows) return invalidReport(err.verdict, opts);
    if (!(err instanceof DryRunRollback)) throw err;
    report.batchId = null;
  }
  return report;
}
