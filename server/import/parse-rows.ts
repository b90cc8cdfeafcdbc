import { PlainCsvReader } from '@/lib/csv/fast-parse';
import { CellReader, type RowError } from '@/lib/csv/record-reader';
import { GroupMatcher } from '@/lib/taxonomy/groups';
import { rowValidator } from '@/lib/import/validate-rows';
import { RowPacker, type PackedRows } from '@/db/row-batch';
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
  // Rows are packed as they are normalized; each read ends a batch for both the packer and the
  // validator (which folds a dyadic partner only into a row of the batch not yet handed over).
  const packer = new RowPacker(ROWS_PER_MESSAGE);
  const v = rowValidator(new GroupMatcher(groups), { format, timeZone, sink: packer });
  const reader = new PlainCsvReader(text, new CellReader(v.tableOptions, v.onCells));
  let more = true;
  while (more) {
    more = reader.read(ROWS_PER_MESSAGE);
    // After the first bad row nothing is written anyway: keep validating to report every bad row.
    v.take();
    const rows = packer.take();
    if (rows.count && !v.hasErrors()) onRows(rows);
  }
  const read = reader.result();
  if (!read) return null;
  const { count, errors } = v.finish(read.errors);
  return { count, errors };
}
