import type { NormalizedIncident } from '@/lib/incidents/normalize';
import { normalizeIncident } from '@/lib/incidents/normalize';
import { recordValues, type CellsHandler, type CsvRecord, type RowError } from '@/lib/csv/record-reader';
import { validateMapped, type MappedRow } from '@/lib/csv/mapped-row';
import { mapNativeRow, nativeColumnKey, NATIVE_REQUIRED } from '@/lib/csv/native';
import { acledColumnKey, ACLED_EXTRA_LIMITS, ACLED_REQUIRED } from '@/lib/acled/columns';
import { acledLayout, mapAcledCells, mapAcledRow, type AcledLayout } from '@/lib/acled/map-row';
import { mapUcdpRow } from '@/lib/ucdp/map-row';
import { UCDP_REQUIRED, ucdpColumnKey } from '@/lib/ucdp/columns';
import { mapGtdRow } from '@/lib/gtd/map-row';
import { GTD_REQUIRED, gtdColumnKey } from '@/lib/gtd/columns';
import type { GroupMatcher } from '@/lib/taxonomy/groups';
import type { IncidentInput } from '@/lib/incidents/input';
import type { CsvTableOptions } from '@/lib/csv/record-reader';

export const IMPORT_FORMATS = ['acled', 'native', 'ucdp', 'gtd'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type Validated = { rows: NormalizedIncident[]; count: number; errors: RowError[] };

/**
 * How each format reads its header and maps a row. ACLED keeps unknown columns (exported again);
 * UCDP and GTD files ignore columns a later release adds; native files are strict.
 */
type RowMapper = (values: Record<string, string>, m: GroupMatcher) => MappedRow;
/** A RowMapper of a row given by position (CellReader): its cells and the header's column keys. */
type CellsMapper = (cells: string[], keys: readonly (string | null)[], m: GroupMatcher) => MappedRow;

/** Both ways of mapping a file's rows, each set up for one file. */
interface FileMapper {
  record: RowMapper;
  cells: CellsMapper;
}

/** A format mapped from keyed records only: a row by position becomes its record first. */
const byRecord = (map: RowMapper): FileMapper => ({ record: map, cells: (cells, keys, m) => map(recordValues(keys, cells), m) });

/**
 * ACLED rows of one file: every row a reader delivers has the columns of the file's header
 * (lib/csv/record-reader.ts), so where each column sits is found once: from the first record's
 * keys, or from the header's keys for rows by position, which then need no record at all.
 */
function acledFileMapper(): FileMapper {
  let recordLayout: AcledLayout | undefined;
  let cellsLayout: { keys: readonly (string | null)[]; layout: AcledLayout } | undefined;
  return {
    record: (values, m) => mapAcledRow(values, m, (recordLayout ??= acledLayout(Object.keys(values)))),
    cells: (cells, keys, m) => {
      if (cellsLayout?.keys !== keys) cellsLayout = { keys, layout: acledLayout(keys) };
      return mapAcledCells(cells, cellsLayout.layout, m);
    },
  };
}

const FORMATS: Record<ImportFormat, { table: CsvTableOptions; map: () => FileMapper }> = {
  acled: {
    table: { columnKey: acledColumnKey, required: ACLED_REQUIRED, unknown: 'keep', keepLimits: ACLED_EXTRA_LIMITS },
    map: acledFileMapper,
  },
  native: {
    table: { columnKey: nativeColumnKey, required: NATIVE_REQUIRED, unknown: 'error' },
    map: () => byRecord((v) => mapNativeRow(v)),
  },
  ucdp: {
    table: { columnKey: ucdpColumnKey, required: UCDP_REQUIRED, unknown: 'keep', keepLimits: ACLED_EXTRA_LIMITS },
    map: () => byRecord(mapUcdpRow),
  },
  gtd: {
    table: { columnKey: gtdColumnKey, required: GTD_REQUIRED, unknown: 'keep', keepLimits: ACLED_EXTRA_LIMITS },
    map: () => byRecord(mapGtdRow),
  },
};

/**
 * What an ACLED id's first row keeps for the partner check: a few fields, not the row (a file may
 * hold millions), and where its normalized row sits in `rows` until take() hands it over (`batch`).
 */
interface FirstRow {
  row: number;
  occurredAt: string;
  killed: number | null;
  lat: number;
  lon: number;
  actor1: string | null;
  actor2: string | null;
  index: number;
  batch: number;
}

/**
 * The second row of one ACLED event in a dyadic file: the same date, place and fatalities, seen
 * from the other side (its actor1 is the first row's actor2, or a new actor when that was empty).
 */
const isPartner = (a: FirstRow, b: IncidentInput) =>
  a.occurredAt === b.occurredAt &&
  a.killed === b.killed &&
  a.lat === b.lat &&
  a.lon === b.lon &&
  !!b.actor1 &&
  b.actor1 !== a.actor1 &&
  (!a.actor2 || a.actor2 === b.actor1);

/**
 * Per-row validation state of an import, shared by every reader (sync, async, worker): maps,
 * validates and normalizes each row (a keyed record from a RecordReader, or cells by position from a
 * CellReader), collecting every row error. Pure: the matcher holds the groups known when the import started. `take()` hands over the rows normalized so far.
 */
export function rowValidator(matcher: GroupMatcher, opts: { format: ImportFormat; timeZone: string }) {
  const errors: RowError[] = [];
  const rows: NormalizedIncident[] = [];
  // Each id's first row: its number, and for ACLED what a dyadic partner must match (FirstRow).
  const firstRowOf = new Map<string, number | FirstRow>();
  const acled = opts.format === 'acled';
  let batch = 0;
  let count = 0;
  const { table: tableOptions } = FORMATS[opts.format];
  const map = FORMATS[opts.format].map();
  const onRecord = (rec: CsvRecord) => check(rec.row, map.record(rec.values, matcher));
  const onCells: CellsHandler = (row, cells, keys) => check(row, map.cells(cells, keys, matcher));
  const check = (row: number, mapped: MappedRow) => {
    count++;
    const checked = validateMapped(mapped);
    if ('errors' in checked) {
      for (const e of checked.errors) errors.push({ row, ...e });
      return;
    }
    if (!checked.input.sourceId) {
      errors.push({ row, column: mapped.columns.sourceId, message: 'is required: it identifies the row on re-import' });
      return;
    }
    const key = `${checked.input.source}\u0000${checked.input.sourceId}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      const firstRow = typeof first === 'number' ? first : first.row;
      // ACLED's dyadic exports repeat an event once per side: the repeat is the same event, not a
      // second one (docs/intake.md, "ACLED variants"). Anything else sharing an id is an error.
      if (typeof first !== 'number' && isPartner(first, checked.input)) return foldPartner(first, checked.input);
      errors.push({
        row: row,
        column: mapped.columns.sourceId,
        message: `duplicate id "${checked.input.sourceId}" (also on row ${firstRow})${opts.format === 'acled' ? ' and is not its dyadic partner' : ''}`,
      });
      return;
    }
    const i = checked.input;
    firstRowOf.set(
      key,
      acled
        ? {
            row,
            occurredAt: i.occurredAt,
            killed: i.killed,
            lat: i.lat,
            lon: i.lon,
            actor1: i.actor1,
            actor2: i.actor2,
            index: rows.length,
            batch,
          }
        : row,
    );
    if (errors.length) return; // the file is rejected anyway: keep validating, skip normalizing
    const n = normalizeIncident(checked.input, { matcher, timeZone: opts.timeZone, sourceId: checked.input.sourceId });
    n.content.acledExtra = mapped.extra;
    if (n.newGroup && mapped.newGroupKind) n.newGroup = { ...n.newGroup, kind: mapped.newGroupKind, affiliation: null };
    rows.push(n);
  };
  /** A dyadic partner row: written nowhere; its actor becomes the event's actor2 when the first row named none. */
  const foldPartner = (first: FirstRow, partner: IncidentInput) => {
    const n = first.batch === batch ? rows[first.index] : undefined;
    if (n && !n.content.actor2) n.content.actor2 = partner.actor1;
  };
  const finish = (tableErrors: RowError[]): Validated => {
    errors.push(...tableErrors);
    if (!errors.length && !count) errors.push({ row: 2, column: '', message: 'the file has a header but no data rows' });
    errors.sort((a, b) => a.row - b.row);
    return { rows: errors.length ? [] : rows, count, errors };
  };
  const take = (): NormalizedIncident[] => (batch++, rows.splice(0));
  return { tableOptions, onRecord, onCells, finish, take, hasErrors: () => errors.length > 0 };
}
