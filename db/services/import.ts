import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/connection';
import { importBatches } from '@/db/schema';
import { afterIngest } from './after-ingest';
import { inImmediateTransaction } from './transaction';
import { recordAudit } from './audit';
import { loadGroupMatcher, writeIncidents } from './ingest';
import { normalizeIncident, type NormalizedIncident } from '@/lib/incidents/normalize';
import { forEachCsvRecord, forEachCsvRecordAsync, type CsvRecord, type RowError } from '@/lib/csv/parse';
import { forEachPlainCsvRecord, forEachPlainCsvRecordAsync } from '@/lib/csv/fast-parse';
import { validateMapped, type MappedRow } from '@/lib/csv/mapped-row';
import { mapNativeRow, nativeColumnKey, NATIVE_REQUIRED } from '@/lib/csv/native';
import { acledColumnKey, ACLED_REQUIRED } from '@/lib/acled/columns';
import { mapAcledRow } from '@/lib/acled/map-row';
import type { GroupMatcher } from '@/lib/taxonomy/groups';

export const IMPORT_FORMATS = ['acled', 'native'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Largest accepted import body (API) or file (CLI): validation holds the whole file, ~25× its size in memory at peak. */
export const IMPORT_LIMIT_BYTES = 100 * 1024 * 1024;

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

function mapRow(format: ImportFormat, values: Record<string, string>, matcher: GroupMatcher): MappedRow {
  return format === 'acled' ? mapAcledRow(values, matcher) : mapNativeRow(values);
}

type Validated = { rows: NormalizedIncident[]; count: number; errors: RowError[] };

/** Per-row validation state shared by the sync and async readers. */
function rowValidator(db: Db, opts: Pick<ImportOptions, 'format' | 'timeZone'>) {
  const errors: RowError[] = [];
  const matcher = loadGroupMatcher(db);
  const rows: NormalizedIncident[] = [];
  const firstRowOf = new Map<string, number>();
  let count = 0;
  const tableOptions = {
    columnKey: opts.format === 'acled' ? acledColumnKey : nativeColumnKey,
    required: opts.format === 'acled' ? ACLED_REQUIRED : NATIVE_REQUIRED,
    unknown: opts.format === 'acled' ? ('keep' as const) : ('error' as const),
  };
  const onRecord = (rec: CsvRecord) => {
    count++;
    const mapped = mapRow(opts.format, rec.values, matcher);
    const checked = validateMapped(mapped);
    if ('errors' in checked) {
      for (const e of checked.errors) errors.push({ row: rec.row, ...e });
      return;
    }
    if (!checked.input.sourceId) {
      errors.push({ row: rec.row, column: mapped.columns.sourceId, message: 'is required: it identifies the row on re-import' });
      return;
    }
    const key = `${checked.input.source}\u0000${checked.input.sourceId}`;
    const dup = firstRowOf.get(key);
    if (dup !== undefined) {
      errors.push({ row: rec.row, column: mapped.columns.sourceId, message: `duplicate id "${checked.input.sourceId}" (also on row ${dup})` });
      return;
    }
    firstRowOf.set(key, rec.row);
    if (errors.length) return; // the file is rejected anyway: keep validating, skip normalizing
    const n = normalizeIncident(checked.input, { matcher, timeZone: opts.timeZone, sourceId: checked.input.sourceId });
    n.content.acledExtra = mapped.extra ? JSON.stringify(mapped.extra) : null;
    if (n.newGroup && mapped.newGroupKind) n.newGroup = { ...n.newGroup, kind: mapped.newGroupKind, affiliation: null };
    rows.push(n);
  };
  const finish = (tableErrors: RowError[]): Validated => {
    errors.push(...tableErrors);
    if (!errors.length && !count) errors.push({ row: 2, column: '', message: 'the file has a header but no data rows' });
    errors.sort((a, b) => a.row - b.row);
    return { rows: errors.length ? [] : rows, count, errors };
  };
  return { tableOptions, onRecord, finish };
}

/**
 * Parses and validates every row; returns the normalized rows only when the whole file is valid.
 * Papa Parse reads well-formed files; anything it cannot vouch for is read again from the start
 * with csv-parse, whose verdict (and malformed-CSV message) is the reference.
 */
export function validateImport(db: Db, text: string, opts: Pick<ImportOptions, 'format' | 'timeZone'>): Validated {
  const fast = rowValidator(db, opts);
  const read = forEachPlainCsvRecord(text, fast.tableOptions, fast.onRecord);
  if (read) return fast.finish(read.errors);
  const v = rowValidator(db, opts);
  return v.finish(forEachCsvRecord(text, v.tableOptions, v.onRecord).errors);
}

/** validateImport that yields to the event loop while parsing (for the HTTP route). */
export async function validateImportAsync(db: Db, text: string, opts: Pick<ImportOptions, 'format' | 'timeZone'>): Promise<Validated> {
  const fast = rowValidator(db, opts);
  const read = await forEachPlainCsvRecordAsync(text, fast.tableOptions, fast.onRecord);
  if (read) return fast.finish(read.errors);
  const v = rowValidator(db, opts);
  return v.finish((await forEachCsvRecordAsync(text, v.tableOptions, v.onRecord)).errors);
}

/**
 * Imports a CSV file all-or-nothing: every row is validated first; if any row is invalid
 * nothing is written and every error is reported. A valid file is written in one immediate
 * transaction with its import_batches ledger row and the afterIngest hook.
 */
export function importCsv(db: Db, text: string, opts: ImportOptions): ImportReport {
  return writeValidated(db, text, validateImport(db, text, opts), opts);
}

/** importCsv for the HTTP route: validation yields to the event loop; the write is one transaction as before. */
export async function importCsvAsync(db: Db, text: string, opts: ImportOptions): Promise<ImportReport> {
  return writeValidated(db, text, await validateImportAsync(db, text, opts), opts);
}

function writeValidated(db: Db, text: string, { rows, count, errors }: Validated, opts: ImportOptions): ImportReport {
  const now = opts.now ?? Date.now();
  const dryRun = opts.dryRun ?? false;
  const report: ImportReport = { rows: count, inserted: 0, updated: 0, unchanged: 0, dryRun, batchId: null, errors };
  if (errors.length) return report;
  const checksum = createHash('sha256').update(text).digest('hex');
  try {
    inImmediateTransaction(db, (tx) => {
      const batch = tx
        .insert(importBatches)
        .values({ fileName: opts.fileName ?? null, format: opts.format, checksum, rows: count, inserted: 0, updated: 0, unchanged: 0, createdBy: opts.createdBy ?? null, createdAt: now })
        .returning({ id: importBatches.id })
        .get();
      const result = writeIncidents(tx, rows, { dataset: 'import', importBatchId: batch.id, now });
      Object.assign(report, { inserted: result.inserted, updated: result.updated, unchanged: result.unchanged, batchId: batch.id });
      if (dryRun) throw new DryRunRollback();
      tx.update(importBatches).set({ inserted: result.inserted, updated: result.updated, unchanged: result.unchanged }).where(eq(importBatches.id, batch.id)).run();
      afterIngest(tx, result, { now, via: 'import' });
      recordAudit(tx, { actor: opts.createdBy ?? 'cli', action: 'import', entity: 'import', entityId: batch.id, after: { fileName: opts.fileName ?? null, format: opts.format, rows: count, inserted: result.inserted, updated: result.updated, unchanged: result.unchanged }, at: now });
    });
    // A bulk load can change table sizes by orders of magnitude: refresh planner statistics.
    db.$client.pragma('optimize');
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
    report.batchId = null;
  }
  return report;
}
