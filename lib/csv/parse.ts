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
 * Parses CSV text (BOM, CRLF and quoted newlines handled by csv-parse) into keyed records.
 * Structural problems become row errors instead of exceptions: a row with the wrong number of
 * cells, an unterminated quote, a missing required header (one error naming every missing column).
 */
export function parseCsvTable(text: string, opts: CsvTableOptions): CsvTable {
  let cells: string[][];
  try {
    cells = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: false }) as string[][];
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    const where = typeof e.lines === 'number' ? ` (near line ${e.lines})` : '';
    return { header: [], records: [], errors: [{ row: typeof e.lines === 'number' ? e.lines : 1, column: '', message: `malformed CSV${where}: ${e.message ?? 'parse error'}` }] };
  }
  if (!cells.length || cells[0].every((c) => c.trim() === '')) {
    return { header: [], records: [], errors: [{ row: 1, column: '', message: 'the file is empty: expected a header row' }] };
  }
  const rawHeader = cells[0].map((h) => h.trim());
  const errors: RowError[] = [];
  const keys: (string | null)[] = rawHeader.map((h) => {
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
    if (seen.has(k)) errors.push({ row: 1, column: rawHeader[i], message: `column "${rawHeader[i]}" appears more than once` });
    seen.add(k);
  }
  const missing = opts.required.filter((r) => !seen.has(r));
  if (missing.length) {
    errors.push({ row: 1, column: missing.join(', '), message: `missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}` });
  }
  if (errors.length) return { header: rawHeader, records: [], errors };

  const records: CsvRecord[] = [];
  for (let i = 1; i < cells.length; i++) {
    const line = cells[i];
    const row = i + 1;
    if (line.every((c) => c.trim() === '')) continue;
    if (line.length !== rawHeader.length) {
      errors.push({ row, column: '', message: `has ${line.length} cells but the header has ${rawHeader.length}` });
      continue;
    }
    const values: Record<string, string> = {};
    for (const [j, k] of keys.entries()) if (k) values[k] = line[j].trim();
    records.push({ row, values });
  }
  return { header: rawHeader, records, errors };
}
