import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';

/** A problem with one CSV row. `row` is the spreadsheet row number: the header is row 1. */
export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface CsvRecord {
  /** Spreadsheet row number (header = 1, first data row = 2). */
  row: number;
  values: Record<string, string>;
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
  errors: RowError[];
}

export interface CsvTableOptions {
  /** Maps a header cell to the column key used in `values` (e.g. case folding), or null if unknown. */
  columnKey: (header: string) => string | null;
  required: readonly string[];
  /** How to report unknown header cells: 'error' (strict formats) or 'keep' (kept under their trimmed name). */
  unknown: 'error' | 'keep';
}

const PARSE_OPTIONS = { bom: true, relax_column_count: true, skip_empty_lines: false } as const;

/** Turns raw cell arrays into keyed records and row errors; shared by the sync and async readers. */
class RecordReader {
  readonly errors: RowError[] = [];
  header: string[] | null = null;
  private keys: (string | null)[] = [];
  private row = 0;

  constructor(private readonly opts: CsvTableOptions, private readonly onRecord: (rec: CsvRecord) => void) {}

  push(line: string[]): void {
    const row = ++this.row;
    if (this.header === null) {
      this.header = line.map((h) => h.trim());
      this.keys = headerKeys(this.header, this.opts, this.errors);
      return;
    }
    if (this.errors.length && this.errors[0].row === 1) return;
    if (line.every((c) => c.trim() === '')) return;
    if (line.length !== this.header.length) {
      this.errors.push({ row, column: '', message: `has ${line.length} cells but the header has ${this.header.length}` });
      return;
    }
    const values: Record<string, string> = {};
    for (let j = 0; j < this.keys.length; j++) if (this.keys[j]) values[this.keys[j]!] = line[j].trim();
    this.onRecord({ row, values });
  }

  fail(err: unknown): void {
    const e = err as { lines?: number; message?: string };
    const where = typeof e.lines === 'number' ? ` (near line ${e.lines})` : '';
    this.errors.push({ row: this.row + 1, column: '', message: `malformed CSV${where}: ${e.message ?? 'parse error'}` });
  }

  result(): { header: string[]; errors: RowError[] } {
    if (this.header === null || this.header.every((c) => c === '')) {
      return { header: [], errors: [{ row: 1, column: '', message: 'the file is empty: expected a header row' }] };
    }
    return { header: this.header, errors: this.errors };
  }
}

/**
 * Streams CSV text (BOM, CRLF and quoted newlines handled by csv-parse) to `onRecord` one keyed
 * record at a time, so a large file never exists twice in memory. Structural problems become row
 * errors instead of exceptions: a row with the wrong number of cells, an unterminated quote, a
 * missing required header (one error naming every missing column). No record is delivered when
 * the header is unusable.
 */
export function forEachCsvRecord(text: string, opts: CsvTableOptions, onRecord: (rec: CsvRecord) => void): { header: string[]; errors: RowError[] } {
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
export async function forEachCsvRecordAsync(text: string, opts: CsvTableOptions, onRecord: (rec: CsvRecord) => void): Promise<{ header: string[]; errors: RowError[] }> {
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
  for (let i = 0; i < text.length && !parser.destroyed; ) {
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

function headerKeys(header: string[], opts: CsvTableOptions, errors: RowError[]): (string | null)[] {
  const keys = header.map((h) => {
    const key = opts.columnKey(h);
    if (key) return key;
    if (h === '') return null;
    if (opts.unknown === 'keep') return h;
    errors.push({ row: 1, column: h, message: `unknown column "${h}"` });
    return null;
  });
  const seen = new Set<string>();
  for (const [i, k] of keys.entries()) {
    if (!k) continue;
    if (seen.has(k)) errors.push({ row: 1, column: header[i], message: `column "${header[i]}" appears more than once` });
    seen.add(k);
  }
  const missing = opts.required.filter((r) => !seen.has(r));
  if (missing.length) {
    errors.push({ row: 1, column: missing.join(', '), message: `missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}` });
  }
  return keys;
}

/** The whole table in memory (small files and tests); see forEachCsvRecord. */
export function parseCsvTable(text: string, opts: CsvTableOptions): CsvTable {
  const records: CsvRecord[] = [];
  const { header, errors } = forEachCsvRecord(text, opts, (r) => records.push(r));
  return { header, records, errors };
}
