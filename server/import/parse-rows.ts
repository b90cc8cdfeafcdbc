import { PlainCsvReader } from '@/lib/csv/fast-parse';
import { CellReader, type RowError } from '@/lib/csv/record-reader';
import { GroupMatcher } from '@/lib/taxonomy/groups';
import { rowValidator } from '@/lib/import/validate-rows';
import { packRows, type PackedRows } from '@/db/row-batch';
import { ROWS_PER_MESSAGE, type ImportJob } from './worker-protocol';

/**
 * The import worker's work on one file's text (server/import/worker.ts), apart from its messages so
 * a bench can run it on one thread: reads, maps, validates and normalizes the rows, handing them
 * over packed, ROWS_PER_MESSAGE at a time, while the file has no row error. Null when the fast
 * reader gave up and the text must be read again with csv-parse.
 */
export function parseRows(
  text: string,
  { format, timeZone, groups }: Pick<ImportJob, 'format' | 'timeZone' | 'groups'>,
  onRows: (rows: PackedRows) => void,
): { count: number; errors: RowError[] } | null {
  const v = rowValidator(new GroupMatcher(groups), { format, timeZone });
  const reader = new PlainCsvReader(text, new CellReader(v.tableOptions, v.onCells));
  let more = true;
  while (more) {
    more = reader.read(ROWS_PER_MESSAGE);
    // After the first bad row nothing is written anyway: keep validating to report every bad row.
    const rows = v.take();
    if (rows.length && !v.hasErrors()) onRows(packRows(rows));
  }
  const read = reader.result();
  if (!read) return null;
  const { count, errors } = v.finish(read.errors);
  return { count, errors };
}
