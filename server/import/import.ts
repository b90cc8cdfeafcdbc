import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/connection';
import { importBatches } from '@/db/schema';
import { refreshPlannerStats } from '@/db/planner-stats';
import { afterIngest } from '@/db/services/after-ingest';
import { inImmediateTransaction } from '@/db/services/transaction';
import { recordAudit } from '@/db/services/audit';
import { loadGroupDefs, loadGroupMatcher } from '@/db/services/ingest';
import { ImportWriter } from '@/db/services/import-writer';
import { encodeChangedIds } from '@/lib/import/changed-ids';
import { ImportFeed, PIPELINE_MIN_CHARS } from './import-pipeline';
import { forEachCsvRecord, forEachCsvRecordAsync, type RowError } from '@/lib/csv/parse';
import { forEachPlainCsvRecord, forEachPlainCsvRecordAsync } from '@/lib/csv/fast-parse';
import { rowValidator, type ImportFormat, type Validated } from '@/lib/import/validate-rows';
import type { ImportJob } from '@/server/import/worker-protocol';

export { IMPORT_FORMATS, type ImportFormat } from '@/lib/import/validate-rows';

/** Largest accepted import body (API) or file (CLI): validation holds the whole file, ~25× its size in memory at peak. */
export const IMPORT_LIMIT_BYTES = 100 * 1024 * 1024;

/** Why a file of `size` bytes cannot be imported, or null when it can. */
export const oversizeFile = (path: string, size: number): string | null =>
  size > IMPORT_LIMIT_BYTES ? `${path} is ${size} bytes; the limit is ${IMPORT_LIMIT_BYTES} bytes` : null;

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

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Marks a dry run's transaction for rollback once the counts are known. */
class DryRunRollback extends Error {}

/** The worker's fast reader gave up on the file: it is read again with csv-parse. */
class NeedsReferenceParser extends Error {}

/**
 * Parses and validates every row; returns the normalized rows only when the whole file is valid.
 * Papa Parse reads well-formed files; anything it cannot vouch for is read again from the start
 * with csv-parse, whose verdict (and malformed-CSV message) is the reference.
 */
export function validateImport(db: Db, text: string, opts: Pick<ImportOptions, 'format' | 'timeZone'>): Validated {
  const fast = rowValidator(loadGroupMatcher(db), opts);
  const read = forEachPlainCsvRecord(text, fast.tableOptions, fast.onRecord);
  return read ? fast.finish(read.errors) : validateWithReference(db, text, opts);
}

/** validateImport with csv-parse alone (files the fast reader gave up on). */
function validateWithReference(db: Db, text: string, opts: Pick<ImportOptions, 'format' | 'timeZone'>): Validated {
  const v = rowValidator(loadGroupMatcher(db), opts);
  return v.finish(forEachCsvRecord(text, v.tableOptions, v.onRecord).errors);
}

/** validateImport that yields to the event loop while parsing (for the HTTP route). */
export async function validateImportAsync(db: Db, text: string, opts: Pick<ImportOptions, 'format' | 'timeZone'>): Promise<Validated> {
  const fast = rowValidator(loadGroupMatcher(db), opts);
  const read = await forEachPlainCsvRecordAsync(text, fast.tableOptions, fast.onRecord);
  if (read) return fast.finish(read.errors);
  const v = rowValidator(loadGroupMatcher(db), opts);
  return v.finish((await forEachCsvRecordAsync(text, v.tableOptions, v.onRecord)).errors);
}

/**
 * Imports a CSV file all-or-nothing: if any row is invalid nothing is written and every error
 * is reported. A valid file is written in one immediate transaction with its import_batches
 * ledger row and the afterIngest hook. Large files are pipelined: a worker thread validates
 * chunks while this thread writes the previous ones inside the transaction, which is rolled back
 * if a bad row turns up later.
 */
export function importCsv(db: Db, text: string, opts: ImportOptions): ImportReport {
  const piped = text.length >= PIPELINE_MIN_CHARS ? importCsvPipelined(db, text, opts) : null;
  return piped ?? writeValidated(db, text, validateImport(db, text, opts), opts);
}

/** importCsv through the worker pipeline; null when no worker can run here. */
export function importCsvPipelined(db: Db, text: string, opts: ImportOptions): ImportReport | null {
  let checksum = '';
  const feed = ImportFeed.start(importJob(db, { text }, opts), () => (checksum = sha256(text)));
  if (!feed) return null;
  try {
    return importSession(db, text.length, () => writeFed(db, feed, opts, checksum, () => text));
  } finally {
    feed.close();
  }
}

const importJob = (db: Db, source: ImportJob['source'], opts: Pick<ImportOptions, 'format' | 'timeZone'>): ImportJob => ({
  type: 'job', source, format: opts.format, timeZone: opts.timeZone, groups: loadGroupDefs(db),
});

/**
 * Writes the file the feed's worker is reading, in one transaction (writeTransaction). `onRead` runs
 * inside the transaction once the worker has read the whole file and every row is written, before
 * the trigger passes and COMMIT. When the worker's reader gives up, `text()` is read again with
 * csv-parse on this thread.
 */
function writeFed(db: Db, feed: ImportFeed, opts: ImportOptions, checksum: string, text: () => string, onRead?: (verdict: Pick<Validated, 'count' | 'errors'>) => void): ImportReport {
  try {
    return writeTransaction(db, opts, checksum, (writer) => {
      for (;;) {
        const m = feed.next();
        if (m.type === 'rows') writer.addPacked(m.rows);
        else if (m.type === 'done') return (onRead?.(m), m);
        else if (m.type === 'reference') throw new NeedsReferenceParser();
        else throw unexpected(m);
      }
    });
  } catch (err) {
    if (!(err instanceof NeedsReferenceParser)) throw err;
    const again = text();
    return writeValidatedTransaction(db, again, validateWithReference(db, again, opts), opts);
  }
}

const unexpected = (m: { type: string }) => new Error(`import worker: unexpected "${m.type}" message`);

/** One file's report from importCsvFiles. */
export type FileImportReport = ImportReport & { file: string };

/**
 * Imports files in order (`npm run import -- FILE…`), each all-or-nothing in its own transaction
 * and import batch, named by its base name; stops after the first file with invalid rows, so the
 * last report holds its errors and later files are not read. One worker reads every file: it
 * starts on the next one while this thread still runs the trigger passes and COMMIT of the
 * previous one, with the groups that file's rows added (read inside its transaction). A dry run
 * reads each file against the database as it is, one after another. `onFile` gets each report as
 * soon as its file is done (the CLI prints progress with it).
 */
export function importCsvFiles(db: Db, paths: readonly string[], opts: Omit<ImportOptions, 'fileName'>, onFile?: (report: FileImportReport) => void): FileImportReport[] {
  const sizes = paths.map((path) => statSync(path).size);
  for (const [i, path] of paths.entries()) {
    const tooLarge = oversizeFile(path, sizes[i]);
    if (tooLarge) throw new Error(tooLarge);
  }
  const fileOpts = (i: number): ImportOptions => ({ ...opts, fileName: basename(paths[i]) });
  const total = sizes.reduce((a, b) => a + b, 0);
  const feed = paths.length && total >= PIPELINE_MIN_CHARS ? ImportFeed.start(importJob(db, { path: paths[0] }, opts)) : null;
  const reports: FileImportReport[] = [];
  // One page cache for the run, sized for its largest file: pages stay cached from file to file.
  const run = (each: (i: number) => ImportReport) =>
    importSession(db, Math.max(0, ...sizes), () => {
      for (let i = 0; i < paths.length && !reports.at(-1)?.errors.length; i++) {
        reports.push({ file: paths[i], ...each(i) });
        onFile?.(reports[i]);
      }
      return reports;
    });
  if (!feed) {
    // Small files, or no worker here (which a second try would not change): read on this thread.
    return run((i) => {
      const text = readFileSync(paths[i], 'utf8');
      return writeValidatedTransaction(db, text, validateImport(db, text, opts), fileOpts(i));
    });
  }
  try {
    let submitted = 0;
    return run((i) => {
      if (submitted < i) feed.submit(importJob(db, { path: paths[(submitted = i)] }, opts));
      const file = feed.next();
      if (file.type !== 'file') throw unexpected(file);
      const readAhead = (verdict: Pick<Validated, 'errors'>) => {
        if (opts.dryRun || verdict.errors.length || i + 1 >= paths.length) return;
        feed.submit(importJob(db, { path: paths[(submitted = i + 1)] }, opts));
      };
      return writeFed(db, feed, fileOpts(i), file.checksum, () => readFileSync(paths[i], 'utf8'), readAhead);
    });
  } finally {
    feed.close();
  }
}

/** importCsv for the HTTP route: validation yields to the event loop; the write is one transaction as before. */
export async function importCsvAsync(db: Db, text: string, opts: ImportOptions): Promise<ImportReport> {
  return writeValidated(db, text, await validateImportAsync(db, text, opts), opts);
}

function writeValidated(db: Db, text: string, validated: Validated, opts: ImportOptions): ImportReport {
  return importSession(db, text.length, () => writeValidatedTransaction(db, text, validated, opts));
}

function writeValidatedTransaction(db: Db, text: string, validated: Validated, opts: ImportOptions): ImportReport {
  if (validated.errors.length) return invalidReport(validated, opts);
  return writeTransaction(db, opts, sha256(text), (writer) => (writer.add(validated.rows), validated));
}

const invalidReport = ({ count, errors }: Pick<Validated, 'count' | 'errors'>, opts: ImportOptions): ImportReport => ({
  rows: count, inserted: 0, updated: 0, unchanged: 0, dryRun: opts.dryRun ?? false, batchId: null, errors,
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
 * FTS/rollup passes (measured at 400k stored rows: 15.8 s → 9.5 s for the next 200k).
 */
export const importCacheKiB = (chars: number) => Math.min(IMPORT_CACHE_MAX_KIB, Math.ceil((chars * 8) / 1024));

/**
 * Runs an import's transactions (one per file) with the page cache a file of `chars` characters
 * wants, restoring the connection's own size afterwards. Across the files of one run the cache
 * keeps the pages the previous file wrote.
 */
function importSession<T>(db: Db, chars: number, run: () => T): T {
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
 * The one write transaction of an import. `feed` hands rows to the writer in file order and returns
 * the verdict (row count, errors) once the whole file is read; any error rolls everything back.
 */
function writeTransaction(db: Db, opts: ImportOptions, checksum: string, feed: (writer: ImportWriter) => Pick<Validated, 'count' | 'errors'>): ImportReport {
  const now = opts.now ?? Date.now();
  const dryRun = opts.dryRun ?? false;
  const report: ImportReport = { rows: 0, inserted: 0, updated: 0, unchanged: 0, dryRun, batchId: null, errors: [] };
  try {
    inImmediateTransaction(db, (tx) => {
      const batch = tx
        .insert(importBatches)
        .values({ fileName: opts.fileName ?? null, format: opts.format, checksum, rows: 0, inserted: 0, updated: 0, unchanged: 0, createdBy: opts.createdBy ?? null, createdAt: now })
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
      tx.update(importBatches).set({ rows, inserted, updated, unchanged, changedIds: encodeChangedIds(result.changedIds) }).where(eq(importBatches.id, batch.id)).run();
      afterIngest(tx, result, { now, via: 'import' });
      recordAudit(tx, { actor: opts.createdBy ?? 'cli', action: 'import', entity: 'import', entityId: batch.id, after: { fileName: opts.fileName ?? null, format: opts.format, rows, inserted, updated, unchanged }, at: now });
    });
    // A bulk load can change table sizes by orders of magnitude: refresh planner statistics after
    // every file (refreshed once per run of five 200k-row files instead, the run took ~1 s longer).
    refreshPlannerStats(db.$client);
  } catch (err) {
    if (err instanceof InvalidRows) return invalidReport(err.verdict, opts);
    if (!(err instanceof DryRunRollback)) throw err;
    report.batchId = null;
  }
  return report;
}
