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

/**
 * Streams CSV text (BOM, CRLF and quoted newlines handled by csv-parse) to `onRecord` one keyed
 * record at a time, so a large file never exists twice in memory. Structural problems become row
 * errors instead of exceptions: a row with the wrong number of cells, an unterminated quote, a
 * missing required header (one error naming every missing column). No record is delivered when
 * the header is unusable.
 */
export function forEachCsvRecord(text: string, opts: CsvTableOptions, onRecord: (rec: CsvRecord) => void): { header: string[]; errors: RowError[] } {
  const errors: RowError[] = [];
  let header: string[] | null = null;
  let keys: (string | null)[] = [];
  let row = 0;
  try {
    parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      on_record: (line: string[]) => {
        row++;
        if (header === null) {
          header = line.map((h) => h.trim());
          keys = headerKeys(header, opts, errors);
          return null;
        }
        if (errors.length && errors[0].row === 1) return null;
        if (line.every((c) => c.trim() === '')) return null;
        if (line.length !== header.length) {
          errors.push({ row, column: '', message: `has ${line.length} cells but the header has ${header.length}` });
          return null;
        }
        const values: Record<string, string> = {};
        for (let j = 0; j < keys.length; j++) if (keys[j]) values[keys[j]!] = line[j].trim();
        onRecord({ row, values });
        return null;
      },
    });
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    const where = typeof e.lines === 'number' ? ` (near line ${e.lines})` : '';
    errors.push({ row: row + 1, column: '', message: `malformed CSV${where}: ${e.message ?? 'parse error'}` });
  }
  if (header === null || (header as string[]).every((c) => c === '')) {
    return { header: [], errors: [{ row: 1, column: '', message: 'the file is empty: expected a header row' }] };
  }
  return { header, errors };
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
