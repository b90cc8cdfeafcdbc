import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { engineOf, type Store } from '@/db/store';
import { importGroupDefs, importGroupMatcher } from '@/db/services/import-groups';
import { importSession, invalidReport, writeTransaction, type ImportOptions, type ImportReport } from '@/db/services/import-batch';
import { timePhase, timePhaseAsync } from '@/db/services/import-phases';
import { ImportFeed, PIPELINE_MIN_CHARS } from './import-pipeline';
import { forEachCsvRecord, forEachCsvRecordAsync } from '@/lib/csv/parse';
import { forEachPlainCsvRecord, forEachPlainCsvRecordAsync } from '@/lib/csv/fast-parse';
import { rowValidator, type Validated } from '@/lib/import/validate-rows';
import type { ImportJob } from '@/server/import/worker-protocol';
import type { GroupDef } from '@/lib/taxonomy/groups';

export { IMPORT_FORMATS, type ImportFormat } from '@/lib/import/validate-rows';
export { importCacheKiB, type ImportOptions, type ImportReport } from '@/db/services/import-batch';

/** Largest accepted import body (API) or file (CLI): validation holds the whole file, ~25× its size in memory at peak. */
export const IMPORT_LIMIT_BYTES = 100 * 1024 * 1024;

/** Why a file of `size` bytes cannot be imported, or null when it can. */
export const oversizeFile = (path: string, size: number): string | null =>
  size > IMPORT_LIMIT_BYTES ? `${path} is ${size} bytes; the limit is ${IMPORT_LIMIT_BYTES} bytes` : null;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The worker's fast reader gave up on the file: it is read again with csv-parse. */
class NeedsReferenceParser extends Error {}

/**
 * Parses and validates every row; returns the normalized rows only when the whole file is valid.
 * Papa Parse reads well-formed files; anything it cannot vouch for is read again from the start
 * with csv-parse, whose verdict (and malformed-CSV message) is the reference.
 */
export async function validateImport(db: Store, text: string, opts: Pick<ImportOptions, 'format' | 'timeZone'>): Promise<Validated> {
  const fast = rowValidator(await importGroupMatcher(db), opts);
  const read = forEachPlainCsvRecord(text, fast.tableOptions, fast.onRecord);
  return read ? fast.finish(read.errors) : validateWithReference(db, text, opts);
}

/** validateImport with csv-parse alone (files the fast reader gave up on). */
async function validateWithReference(db: Store, text: string, opts: Pick<ImportOptions, 'format' | 'timeZone'>): Promise<Validated> {
  const v = rowValidator(await importGroupMatcher(db), opts);
  return v.finish(forEachCsvRecord(text, v.tableOptions, v.onRecord).errors);
}

/** validateImport that yields to the event loop while parsing (for the HTTP route). */
export async function validateImportAsync(db: Store, text: string, opts: Pick<ImportOptions, 'format' | 'timeZone'>): Promise<Validated> {
  const fast = rowValidator(await importGroupMatcher(db), opts);
  const read = await forEachPlainCsvRecordAsync(text, fast.tableOptions, fast.onRecord);
  if (read) return fast.finish(read.errors);
  const v = rowValidator(await importGroupMatcher(db), opts);
  return v.finish((await forEachCsvRecordAsync(text, v.tableOptions, v.onRecord)).errors);
}

/**
 * Imports a CSV file all-or-nothing: if any row is invalid nothing is written and every error
 * is reported. A valid file is written in one immediate transaction with its import_batches
 * ledger row and the afterIngest hook. Large files are pipelined: a worker thread validates
 * chunks while this thread writes the previous ones inside the transaction, which is rolled back
 * if a bad row turns up later.
 */
export async function importCsv(db: Store, text: string, opts: ImportOptions): Promise<ImportReport> {
  const piped = text.length >= PIPELINE_MIN_CHARS ? await importCsvPipelined(db, text, opts) : null;
  return piped ?? writeValidated(db, text, await validateImport(db, text, opts), opts);
}

/** importCsv through the worker pipeline; null when no worker can run here. */
export async function importCsvPipelined(db: Store, text: string, opts: ImportOptions): Promise<ImportReport | null> {
  let checksum = '';
  const feed = ImportFeed.start(await importJob(db, { text }, opts), () => (checksum = sha256(text)));
  if (!feed) return null;
  try {
    return await importSession(db, text.length, () => writeFed(db, feed, opts, checksum, () => text));
  } finally {
    feed.close();
  }
}

/** The worker's next job, with the groups known now (or `groups`, read earlier). */
const importJob = async (
  db: Store,
  source: ImportJob['source'],
  opts: Pick<ImportOptions, 'format' | 'timeZone'>,
  groups?: GroupDef[],
): Promise<ImportJob> => ({
  type: 'job',
  source,
  format: opts.format,
  timeZone: opts.timeZone,
  groups: groups ?? (await importGroupDefs(db)),
});

/**
 * Writes the file the feed's worker is reading, in one transaction (writeTransaction). `onRead` runs
 * inside the transaction once the worker has read the whole file and every row is written, before
 * the trigger passes and COMMIT. When the worker's reader gives up, `text()` is read again with
 * csv-parse on this thread.
 */
async function writeFed(
  db: Store,
  feed: ImportFeed,
  opts: ImportOptions,
  checksum: string,
  text: () => string,
  onRead?: (verdict: Pick<Validated, 'count' | 'errors'>) => Promise<void>,
): Promise<ImportReport> {
  try {
    return await writeTransaction(db, opts, checksum, async (writer) => {
      for (;;) {
        const m = timePhase('wait for the worker', () => feed.next());
        if (m.type === 'rows') await timePhaseAsync('rows', () => writer.addPacked(m.rows));
        else if (m.type === 'done') return (await onRead?.(m), m);
        else if (m.type === 'reference') throw new NeedsReferenceParser();
        else throw unexpected(m);
      }
    });
  } catch (err) {
    if (!(err instanceof NeedsReferenceParser)) throw err;
    const again = text();
    return writeValidatedTransaction(db, again, await validateWithReference(db, again, opts), opts);
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
export async function importCsvFiles(
  db: Store,
  paths: readonly string[],
  opts: Omit<ImportOptions, 'fileName'>,
  onFile?: (report: FileImportReport) => void,
): Promise<FileImportReport[]> {
  const sizes = paths.map((path) => statSync(path).size);
  for (const [i, path] of paths.entries()) {
    const tooLarge = oversizeFile(path, sizes[i]);
    if (tooLarge) throw new Error(tooLarge);
  }
  const fileOpts = (i: number): ImportOptions => ({ ...opts, fileName: basename(paths[i]) });
  const total = sizes.reduce((a, b) => a + b, 0);
  const feed = paths.length && total >= PIPELINE_MIN_CHARS ? ImportFeed.start(await importJob(db, { path: paths[0] }, opts)) : null;
  const reports: FileImportReport[] = [];
  // One page cache for the run, sized for its largest file: pages stay cached from file to file.
  const run = (each: (i: number) => Promise<ImportReport>) =>
    importSession(db, Math.max(0, ...sizes), async () => {
      for (let i = 0; i < paths.length && !reports.at(-1)?.errors.length; i++) {
        reports.push({ file: paths[i], ...(await each(i)) });
        onFile?.(reports[i]);
      }
      return reports;
    });
  if (!feed) {
    // Small files, or no worker here (which a second try would not change): read on this thread.
    return run(async (i) => {
      const text = readFileSync(paths[i], 'utf8');
      return writeValidatedTransaction(db, text, await validateImport(db, text, opts), fileOpts(i));
    });
  }
  try {
    let submitted = 0;
    return await run(async (i) => {
      if (submitted < i) feed.submit(await importJob(db, { path: paths[(submitted = i)] }, opts));
      // PostgreSQL: when the next file is submitted, the transaction's connection is busy with
      // COPY and another one would not see this file's new groups either: read the groups now (a
      // group new in both files is then proposed twice and created once).
      const known = engineOf(db) === 'postgres' ? await importGroupDefs(db) : undefined;
      const file = timePhase('wait for the worker', () => feed.next());
      if (file.type !== 'file') throw unexpected(file);
      const readAhead = async (verdict: Pick<Validated, 'errors'>) => {
        if (opts.dryRun || verdict.errors.length || i + 1 >= paths.length) return;
        feed.submit(await importJob(db, { path: paths[(submitted = i + 1)] }, opts, known));
      };
      return writeFed(db, feed, fileOpts(i), file.checksum, () => readFileSync(paths[i], 'utf8'), readAhead);
    });
  } finally {
    feed.close();
  }
}

/** importCsv for the HTTP route: validation yields to the event loop; the write is one transaction as before. */
export async function importCsvAsync(db: Store, text: string, opts: ImportOptions): Promise<ImportReport> {
  return writeValidated(db, text, await validateImportAsync(db, text, opts), opts);
}

function writeValidated(db: Store, text: string, validated: Validated, opts: ImportOptions): Promise<ImportReport> {
  return importSession(db, text.length, () => writeValidatedTransaction(db, text, validated, opts));
}

async function writeValidatedTransaction(db: Store, text: string, validated: Validated, opts: ImportOptions): Promise<ImportReport> {
  if (validated.errors.length) return invalidReport(validated, opts);
  return writeTransaction(db, opts, sha256(text), async (writer) => (await writer.add(validated.rows), validated));
}
