import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { RecordReader, type CsvRecord, type CsvTableOptions, type RowError } from './record-reader';

export type { CsvRecord, CsvTableOptions, RowError } from './record-reader';

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
  errors: RowError[];
}

const PARSE_OPTIONS = { bom: true, relax_column_count: true, skip_empty_lines: false } as const;

/**
 * Streams CSV text (BOM, CRLF and quoted newlines handled by csv-parse) to `onRecord` one keyed
 * record at a time, so a large file never exists twice in memory. Structural problems become row
 * errors instead of exceptions: a row with the wrong number of cells, an unterminated quote, a
 * missing required header (one error naming every missing column). No record is delivered when
 * the header is unusable.
 */
export function forEachCsvRecord(
  text: string,
  opts: CsvTableOptions,
  onRecord: (rec: CsvRecord) => void,
): { header: string[]; errors: RowError[] } {
  const reader = new RecordReader(opts, onRecord);
  try {
    parse(text, { ...PARSE_OPTIONS, on_record: (line: string[]) => (reader.push(line), null) });
  } catch (err) {
    reader.fail(err);
  }
  return reader.result();
}

const SLICE = 256 * 1024;

/**
 * Same as forEachCsvRecord, but feeds the parser in slices and yields to the event loop between
 * them, so a server validating a large upload keeps answering other requests.
 */
export async function forEachCsvRecordAsync(
  text: string,
  opts: CsvTableOptions,
  onRecord: (rec: CsvRecord) => void,
): Promise<{ header: string[]; errors: RowError[] }> {
  const reader = new RecordReader(opts, onRecord);
  const parser = parseStream({ ...PARSE_OPTIONS, on_record: (line: string[]) => (reader.push(line), null) });
  const done = new Promise<void>((resolve) => {
    parser.on('error', (err) => {
      reader.fail(err);
      resolve();
    });
    parser.on('end', resolve);
    parser.resume();
  });
  for (let i = 0; i < text.length && !parser.destroyed;) {
    let end = Math.min(i + SLICE, text.length);
    // Never split a surrogate pair: each slice is UTF-8 encoded on its own.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end--;
    parser.write(text.slice(i, end));
    i = end;
    await new Promise((r) => setImmediate(r));
  }
  if (!parser.destroyed) parser.end();
  await done;
  return reader.result();
}

/** The whole table in memory (small files and tests); see forEachCsvRecord. */
export function parseCsvTable(text: string, opts: CsvTableOptions): CsvTable {
  const records: CsvRecord[] = [];
  const { header, errors } = forEachCsvRecord(text, opts, (r) => records.push(r));
  return { header, records, errors };
}
