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

export interface CsvTableOptions {
  /** Maps a header cell to the column key used in `values` (e.g. case folding), or null if unknown. */
  columnKey: (header: string) => string | null;
  required: readonly string[];
  /** How to report unknown header cells: 'error' (strict formats) or 'keep' (kept under their trimmed name). */
  unknown: 'error' | 'keep';
  /** Bounds on the unknown columns a 'keep' format keeps (how many, how long a name). */
  keepLimits?: { columns: number; nameChars: number };
}

/**
 * The table rules every CSV reader shares, on raw cell arrays from any CSV parser: the header's
 * column keys and errors, blank rows skipped, a row with the wrong number of cells reported. Each
 * subclass hands over a data row in its own form.
 */
export abstract class TableReader {
  readonly errors: RowError[] = [];
  header: string[] | null = null;
  protected keys: (string | null)[] = [];
  private row = 0;

  constructor(private readonly opts: CsvTableOptions) {}

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
    this.deliver(row, line);
  }

  /** A data row of the header's width, under a usable header. */
  protected abstract deliver(row: number, line: string[]): void;

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

/** A row's trimmed cells keyed by column (cells whose header has no key are left out). */
export function recordValues(keys: readonly (string | null)[], line: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (let j = 0; j < keys.length; j++) if (keys[j]) values[keys[j]!] = line[j].trim();
  return values;
}

/** Turns raw cell arrays from any CSV parser into keyed records and row errors. */
export class RecordReader extends TableReader {
  constructor(
    opts: CsvTableOptions,
    private readonly onRecord: (rec: CsvRecord) => void,
  ) {
    super(opts);
  }

  protected deliver(row: number, line: string[]): void {
    this.onRecord({ row, values: recordValues(this.keys, line) });
  }
}

/**
 * A data row by position: its trimmed cells (the parser's array, trimmed in place) and the
 * header's column keys, one array for the whole file (null where a header cell has no key).
 */
export type CellsHandler = (row: number, cells: string[], keys: readonly (string | null)[]) => void;

/**
 * The rows of RecordReader without a keyed object per row: a consumer that reads the same few
 * columns of every row finds their positions once, from `keys`, instead of building and reading
 * back a record of every column per row (the import worker's largest cost at 1M rows).
 */
export class CellReader extends TableReader {
  constructor(
    opts: CsvTableOptions,
    private readonly onCells: CellsHandler,
  ) {
    super(opts);
  }

  protected deliver(row: number, line: string[]): void {
    for (let j = 0; j < line.length; j++) line[j] = line[j].trim();
    this.onCells(row, line, this.keys);
  }
}

function keepUnknown(h: string, opts: CsvTableOptions, errors: RowError[]): string | null {
  const max = opts.keepLimits?.nameChars;
  if (max === undefined || h.length <= max) return h;
  errors.push({ row: 1, column: `${h.slice(0, max)}…`, message: `column name is longer than ${max} characters` });
  return null;
}

function headerKeys(header: string[], opts: CsvTableOptions, errors: RowError[]): (string | null)[] {
  let kept = 0;
  const keys = header.map((h) => {
    const key = opts.columnKey(h);
    if (key) return key;
    if (h === '') return null;
    if (opts.unknown === 'keep') {
      kept++;
      return keepUnknown(h, opts, errors);
    }
    errors.push({ row: 1, column: h, message: `unknown column "${h}"` });
    return null;
  });
  if (opts.keepLimits && kept > opts.keepLimits.columns) {
    errors.push({ row: 1, column: '', message: `has ${kept} columns besides the known ones; at most ${opts.keepLimits.columns} are kept` });
  }
  const seen = new Set<string>();
  for (const [i, k] of keys.entries()) {
    if (!k) continue;
    if (seen.has(k)) errors.push({ row: 1, column: header[i], message: `column "${header[i]}" appears more than once` });
    seen.add(k);
  }
  const missing = opts.required.filter((r) => !seen.has(r));
  if (missing.length) {
    errors.push({
      row: 1,
      column: missing.join(', '),
      message: `missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`,
    });
  }
  return keys;
}
