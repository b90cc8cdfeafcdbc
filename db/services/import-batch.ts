/**
 * The import's transaction and its ledger row (import_batches), on either engine (SQLite: the
 * synchronous ImportWriter with the page cache sized to the file; PostgreSQL: COPY into a staging
 * table and one set-based upsert, import-writer-pg.ts); server/import/import.ts reads and validates the file (on a worker thread when large) and
 * feeds the rows in.
 */
import { eq } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { builder, engineOf, transact } from '@/db/engine';
import { importBatches } from '@/db/schema';
import type { PackedRows } from '@/db/row-batch';
import { refreshPlannerStats } from '@/db/planner-stats';
import type { RowError } from '@/lib/csv/record-reader';
import type { NormalizedIncident } from '@/lib/incidents/normalize';
import { encodeChangedIds } from '@/db/changed-ids';
import type { ImportFormat, Validated } from '@/lib/import/validate-rows';
import { afterIngest } from './after-ingest';
import { proposeDatasetMatches } from './dataset-matches';
import { audit } from './audit';
import { phaseClock, phaseSince, timePhase, timePhaseAsync } from './import-phases';
import type { WriteResult } from './ingest';
import { ImportWriter } from './import-writer';
import { BACKGROUND_CHECKPOINT_MIN_CHARS, BackgroundCheckpoint } from './import-checkpoint';
import { PgImportWriter } from './import-writer-pg';

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
  /** Cross-dataset match proposals stored for the inserted rows (db/services/dataset-matches.ts). */
  matchesProposed: number;
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
  matchesProposed: 0,
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

/** The background checkpoint of each SQLite connection inside an importSession (see afterCommit). */
const checkpoints = new WeakMap<object, BackgroundCheckpoint>();

/**
 * Runs an import's transactions (one per file) with the page cache a file of `chars` characters
 * wants, restoring the connection's own size afterwards. Across the files of one run the cache
 * keeps the pages the previous file wrote. A large import's WAL is checkpointed on another thread
 * after each COMMIT (import-checkpoint.ts); the session returns once that is done. PostgreSQL sizes
 * its own buffers and checkpoints: `run` just runs.
 */
export async function importSession<T>(store: Store, chars: number, run: () => Promise<T>): Promise<T> {
  if (engineOf(store) !== 'sqlite') return run();
  const client = sqlOf(store).$client;
  const cacheSize = client.pragma('cache_size', { simple: true }) as number; // < 0: KiB, > 0: pages
  const currentKiB = cacheSize < 0 ? -cacheSize : (cacheSize * (client.pragma('page_size', { simple: true }) as number)) / 1024;
  const wantedKiB = importCacheKiB(chars);
  const grow = wantedKiB > currentKiB;
  if (grow) client.pragma(`cache_size = -${wantedKiB}`);
  const checkpoint = chars >= BACKGROUND_CHECKPOINT_MIN_CHARS && !checkpoints.has(client) ? await BackgroundCheckpoint.start(client) : null;
  if (checkpoint) checkpoints.set(client, checkpoint);
  try {
    return await run();
  } finally {
    if (checkpoint) {
      checkpoints.delete(client);
      await timePhaseAsync('checkpoint wait', () => checkpoint.close());
    }
    if (grow) client.pragma(`cache_size = ${cacheSize}`);
  }
}

/** After a COMMIT of an import: its session's background checkpoint, if it has one. */
const afterCommit = (store: Store) => {
  if (engineOf(store) === 'sqlite') checkpoints.get(sqlOf(store).$client)?.afterCommit();
};

/**
 * What an import's feed writes rows through: only adding rows, so code above db/ never holds the
 * writer's connection or statements. Each call resolves once the rows are taken (SQLite: written;
 * PostgreSQL: handed to COPY, which may make the feed wait).
 */
export interface ImportRowSink {
  add(rows: readonly NormalizedIncident[]): Promise<void>;
  addPacked(rows: PackedRows): Promise<void>;
}

/** Thrown when PostgreSQL asks to run the import's transaction again: its rows were streamed and are gone. */
export class ImportNotRepeatable extends Error {
  constructor() {
    super('the import conflicted with a concurrent write (deadlock or serialization failure) and was rolled back; run it again');
  }
}

/**
 * The one write transaction of an import. `feed` hands rows to the sink in file order and returns
 * the verdict (row count, errors) once the whole file is read; any error rolls everything back.
 * The feed is the one caller code that runs inside a db/ transaction: a file's rows stream from the
 * parsing worker while earlier ones are written (docs/architecture.md, "Store boundary").
 */
export async function writeTransaction(
  store: Store,
  opts: ImportOptions,
  checksum: string,
  feed: (rows: ImportRowSink) => Promise<Pick<Validated, 'count' | 'errors'>>,
  /** More writes committed with the rows (an API sync's cursor), after the rows and their hooks. */
  inside?: (tx: Store, written: WriteResult) => Promise<void>,
): Promise<ImportReport> {
  const now = opts.now ?? Date.now();
  const dryRun = opts.dryRun ?? false;
  const report: ImportReport = { rows: 0, inserted: 0, updated: 0, unchanged: 0, dryRun, batchId: null, matchesProposed: 0, errors: [] };
  const pg = engineOf(store) === 'postgres';
  let attempts = 0;
  let committing = 0;
  try {
    await transact(store, async (tx) => {
      // PostgreSQL runs a transaction again after a deadlock; the feed cannot be read twice.
      if (attempts++) throw new ImportNotRepeatable();
      const db = builder(tx);
      const [batch] = await db
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
        .returning({ id: importBatches.id });
      const writerOpts = { importBatchId: batch.id, now };
      const writer = pg ? await PgImportWriter.open(tx, writerOpts, store) : new ImportWriter(sqlOf(tx), writerOpts);
      // PostgreSQL: a COPY still open must be abandoned before the transaction can roll back.
      const abandon = () => (writer instanceof PgImportWriter ? writer.abort() : Promise.resolve());
      const verdict = await feed(writer).catch(async (err: unknown) => {
        await abandon();
        throw err;
      });
      if (verdict.errors.length) {
        await abandon();
        throw new InvalidRows(verdict);
      }
      // SQLite knows the counts before its trigger passes, which a dry run skips; PostgreSQL
      // learns them from the upsert, which a dry run then rolls back.
      const counts: WriteResult = writer instanceof ImportWriter ? writer.result : await writer.finish();
      const { inserted, updated, unchanged } = counts;
      const rows = verdict.count;
      Object.assign(report, { rows, inserted, updated, unchanged, batchId: batch.id });
      if (dryRun) throw new DryRunRollback();
      const written = writer instanceof ImportWriter ? timePhase('outbox', () => writer.finish()) : counts;
      await db
        .update(importBatches)
        .set({ rows, inserted, updated, unchanged, changedIds: encodeChangedIds(written.changedIds) })
        .where(eq(importBatches.id, batch.id));
      await timePhaseAsync('alerts', () => afterIngest(tx, written, { now, via: 'import' }));
      report.matchesProposed = await timePhaseAsync('match proposals', () =>
        proposeDatasetMatches(tx, written.insertedIds, {
          importBatchId: batch.id,
          now,
          uniformSource: opts.format !== 'native',
        }),
      );
      await inside?.(tx, written);
      await audit(tx, {
        actor: opts.createdBy ?? 'cli',
        action: 'import',
        entity: 'import',
        entityId: batch.id,
        after: {
          fileName: opts.fileName ?? null,
          format: opts.format,
          rows,
          inserted,
          updated,
          unchanged,
          matchesProposed: report.matchesProposed,
        },
        at: now,
      });
      committing = phaseClock();
    });
    if (committing) phaseSince('commit', committing);
    // The rows' pages go to the database file on another thread while this one goes on.
    afterCommit(store);
    // A bulk load can change table sizes by orders of magnitude: refresh planner statistics after
    // every file (refreshing once per run instead made a multi-file run slower: later files were
    // planned with stale statistics). PostgreSQL's autovacuum analyzes a table within a minute of a
    // tenth of it changing; an ANALYZE here cost as much again as writing 25k rows (it evaluates the
    // search index's expression over its sample), so it is left to autovacuum there.
    if (!pg) await timePhaseAsync('planner statistics', () => refreshPlannerStats(store));
    // And the statistics it wrote (after the rows' checkpoint started, which it need not wait for).
    afterCommit(store);
  } catch (err) {
    if (err instanceof InvalidRows) return invalidReport(err.verdict, opts);
    if (!(err instanceof DryRunRollback)) throw err;
    report.batchId = null;
  }
  return report;
}
