import { RecordReader, type RowError } from '@/lib/csv/record-reader';
import { rowValidator } from '@/lib/import/validate-rows';
import type { NormalizedIncident } from '@/lib/incidents/normalize';
import type { GroupMatcher } from '@/lib/taxonomy/groups';

/**
 * One page of the ACLED API through the CSV import's own reader and mapping (the rows are already
 * coded): the same column rules, the same dyadic folding, the same validation. Unlike a file, a
 * page is not all-or-nothing: ACLED's data is live, and one row our rules refuse must not stop the
 * sync of every later row, so refused rows are left out and reported by their event_id_cnty.
 */

export interface PageVerdict {
  rows: NormalizedIncident[];
  skipped: { eventId: string; message: string }[];
  /** The newest `timestamp` (epoch seconds) among the page's rows; null when none has one. */
  maxTimestamp: number | null;
}

/** Thrown when the page's columns cannot be read at all (ACLED changed its answer): an error on the source. */
export class AcledPageError extends Error {
  override readonly name = 'AcledPageError';
}

function run(records: Record<string, string>[], header: string[], matcher: GroupMatcher, timeZone: string) {
  const v = rowValidator(matcher, { format: 'acled', timeZone });
  const reader = new RecordReader(v.tableOptions, v.onRecord);
  reader.push(header);
  for (const r of records) reader.push(header.map((h) => r[h] ?? ''));
  return v.finish(reader.result().errors);
}

/**
 * `carry` is the previous page's last row: a dyadic export's second row of an event may open the
 * next page, and read beside its first row it folds instead of overwriting the event.
 */
export function validatePage(
  page: Record<string, string>[],
  carry: Record<string, string> | null,
  matcher: GroupMatcher,
  timeZone: string,
): PageVerdict {
  const records = carry ? [carry, ...page] : page;
  let maxTimestamp: number | null = null;
  for (const r of page) {
    const t = Number(r.timestamp);
    if (r.timestamp && Number.isInteger(t) && t >= 0 && (maxTimestamp === null || t > maxTimestamp)) maxTimestamp = t;
  }
  if (!records.length) return { rows: [], skipped: [], maxTimestamp };
  const header = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const first = run(records, header, matcher, timeZone);
  if (!first.errors.length) return { rows: first.rows, skipped: [], maxTimestamp };
  const headerError = first.errors.find((e: RowError) => e.row === 1);
  if (headerError)
    throw new AcledPageError(`the read answer's columns cannot be imported: ${headerError.column} ${headerError.message}`.trim());
  // Row n of the reader is records[n - 2] (row 1 is the header).
  const bad = new Map<number, RowError>();
  for (const e of first.errors) if (!bad.has(e.row)) bad.set(e.row, e);
  const kept = records.filter((_, i) => !bad.has(i + 2));
  const skipped = [...bad.entries()]
    .filter(([row]) => !(carry && row === 2))
    .map(([row, e]) => ({ eventId: records[row - 2]?.event_id_cnty || `row ${row - 1}`, message: `${e.column}: ${e.message}` }));
  const second = kept.length ? run(kept, header, matcher, timeZone) : { rows: [], errors: [] };
  // Anything still refused (a partner check that depended on a refused row): left out as well.
  for (const e of second.errors)
    skipped.push({ eventId: kept[e.row - 2]?.event_id_cnty || `row ${e.row - 1}`, message: `${e.column}: ${e.message}` });
  return { rows: second.errors.length ? [] : second.rows, skipped, maxTimestamp };
}
