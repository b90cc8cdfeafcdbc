import type { NormalizedIncident } from '@/lib/incidents/normalize';
import { normalizeIncident } from '@/lib/incidents/normalize';
import { recordValues, type CellsHandler, type CsvRecord, type RowError } from '@/lib/csv/record-reader';
import { validateMapped, type MappedRow } from '@/lib/csv/mapped-row';
import { mapNativeRow, nativeColumnKey, NATIVE_REQUIRED } from '@/lib/csv/native';
import { acledColumnKey, ACLED_EXTRA_LIMITS, ACLED_REQUIRED } from '@/lib/acled/columns';
import { ACLED_FIELD_COLUMN, acledLayout, mapAcledCells, mapAcledRow, type AcledLayout } from '@/lib/acled/map-row';
import { acledCellsNormalizer, type NormalizedAcledRow } from '@/lib/acled/normalize-cells';
import { mapUcdpRow } from '@/lib/ucdp/map-row';
import { UCDP_REQUIRED, ucdpColumnKey } from '@/lib/ucdp/columns';
import { mapGtdRow } from '@/lib/gtd/map-row';
import { GTD_REQUIRED, gtdColumnKey } from '@/lib/gtd/columns';
import type { GroupMatcher } from '@/lib/taxonomy/groups';
import type { IncidentInput } from '@/lib/incidents/input';
import type { CsvTableOptions } from '@/lib/csv/record-reader';
import { doubled } from '@/lib/typed-grow';

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
  /**
   * A row by position straight to its normalized incident, when the format has such a path: null
   * for a row it does not vouch for, which then goes through `cells`, validation and normalization.
   */
  normalized?: (cells: string[], keys: readonly (string | null)[], m: GroupMatcher) => NormalizedAcledRow | null;
}

/** A format mapped from keyed records only: a row by position becomes its record first. */
const byRecord = (map: RowMapper): FileMapper => ({ record: map, cells: (cells, keys, m) => map(recordValues(keys, cells), m) });

/**
 * ACLED rows of one file: every row a reader delivers has the columns of the file's header
 * (lib/csv/record-reader.ts), so where each column sits is found once: from the first record's
 * keys, or from the header's keys for rows by position, which then need no record at all.
 */
function acledFileMapper(timeZone: string): FileMapper {
  let recordLayout: AcledLayout | undefined;
  let cellsLayout:
    | { keys: readonly (string | null)[]; layout: AcledLayout; matcher: GroupMatcher; normalize: ReturnType<typeof acledCellsNormalizer> }
    | undefined;
  const layoutOf = (keys: readonly (string | null)[], m: GroupMatcher) => {
    if (cellsLayout?.keys !== keys || cellsLayout.matcher !== m) {
      const layout = acledLayout(keys);
      cellsLayout = { keys, layout, matcher: m, normalize: acledCellsNormalizer(layout, m, timeZone) };
    }
    return cellsLayout;
  };
  return {
    record: (values, m) => mapAcledRow(values, m, (recordLayout ??= acledLayout(Object.keys(values)))),
    cells: (cells, keys, m) => mapAcledCells(cells, layoutOf(keys, m).layout, m),
    normalized: (cells, keys, m) => layoutOf(keys, m).normalize(cells),
  };
}

const FORMATS: Record<ImportFormat, { table: CsvTableOptions; map: (timeZone: string) => FileMapper }> = {
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

/** What the duplicate-id check reads of a row's input. */
type PartnerKey = Pick<IncidentInput, 'source' | 'occurredAt' | 'killed' | 'lat' | 'lon' | 'actor1' | 'actor2'>;

/**
 * Each id's first row, found by source and then id: its row number, where its normalized row sits
 * until take() hands it over (index in `rows`, batch), and what an ACLED dyadic partner must match
 * (isPartner). Kept column by column in typed arrays rather than as an object per id under a
 * concatenated `source + id` key: a file may hold millions of ids, and those objects and keys were
 * a large share of the check's time and of what the garbage collector copied.
 */
export class FirstRows {
  private readonly slots = new Map<string, Map<string, number>>();
  private size = 0;
  private ints = new Int32Array(3 * 1024); // row, index, batch
  private nums = new Float64Array(3 * 1024); // killed, lat, lon
  private killedNull = new Uint8Array(1024);
  private readonly texts: (string | null)[] = []; // occurredAt, actor1, actor2

  /** The slot of an id's first row, or -1 when the id was not seen. */
  find(source: string, sourceId: string): number {
    return this.slots.get(source)?.get(sourceId) ?? -1;
  }

  add(input: PartnerKey, sourceId: string, row: number, index: number, batch: number): void {
    let ids = this.slots.get(input.source);
    if (!ids) this.slots.set(input.source, (ids = new Map<string, number>()));
    const s = this.size++;
    if (s === this.killedNull.length) this.grow();
    ids.set(sourceId, s);
    this.ints[3 * s] = row;
    this.ints[3 * s + 1] = index;
    this.ints[3 * s + 2] = batch;
    this.killedNull[s] = input.killed === null ? 1 : 0;
    this.nums[3 * s] = input.killed ?? 0;
    this.nums[3 * s + 1] = input.lat;
    this.nums[3 * s + 2] = input.lon;
    this.texts.push(input.occurredAt, input.actor1, input.actor2);
  }

  row = (s: number): number => this.ints[3 * s];
  index = (s: number): number => this.ints[3 * s + 1];
  batch = (s: number): number => this.ints[3 * s + 2];

  /**
   * The second row of one ACLED event in a dyadic file: the same date, place and fatalities, seen
   * from the other side (its actor1 is the first row's actor2, or a new actor when that was empty).
   */
  isPartner(s: number, b: PartnerKey): boolean {
    const actor1 = this.texts[3 * s + 1];
    const actor2 = this.texts[3 * s + 2];
    return (
      this.texts[3 * s] === b.occurredAt &&
      (this.killedNull[s] ? b.killed === null : this.nums[3 * s] === b.killed) &&
      this.nums[3 * s + 1] === b.lat &&
      this.nums[3 * s + 2] === b.lon &&
      !!b.actor1 &&
      b.actor1 !== actor1 &&
      (!actor2 || actor2 === b.actor1)
    );
  }

  private grow(): void {
    this.ints = doubled(this.ints);
    this.nums = doubled(this.nums);
    this.killedNull = doubled(this.killedNull);
  }
}

/**
 * Where a validator puts its normalized rows instead of its own array: the import worker packs them
 * as they come (db/row-batch.ts, RowPacker), so a batch is never held as row objects.
 */
export interface RowSink {
  /** Rows added to the current batch. */
  readonly count: number;
  add(row: NormalizedIncident): void;
  /** Gives row `row` of the current batch the actor2 `actor` when it has none (a dyadic partner names it). */
  fillActor2(row: number, actor: string): void;
}

/**
 * Per-row validation state of an import, shared by every reader (sync, async, worker): maps,
 * validates and normalizes each row (a keyed record from a RecordReader, or cells by position from a
 * CellReader), collecting every row error. Pure: the matcher holds the groups known when the import started. `take()` hands over the rows normalized so far.
 */
export function rowValidator(matcher: GroupMatcher, opts: { format: ImportFormat; timeZone: string; sink?: RowSink }) {
  const errors: RowError[] = [];
  const rows: NormalizedIncident[] = [];
  const packer = opts.sink ?? null;
  const firstRows = new FirstRows();
  const acled = opts.format === 'acled';
  let batch = 0;
  let count = 0;
  const { table: tableOptions } = FORMATS[opts.format];
  const map = FORMATS[opts.format].map(opts.timeZone);
  const onRecord = (rec: CsvRecord) => check(rec.row, map.record(rec.values, matcher));
  const onCells: CellsHandler = (row, cells, keys) => {
    const n = map.normalized?.(cells, keys, matcher);
    if (!n) return check(row, map.cells(cells, keys, matcher));
    count++;
    // The content and new group only: the record path's rows carry nothing else.
    if (admit(row, n, n.sourceId, ACLED_FIELD_COLUMN.sourceId)) emit(packer ? n : { content: n.content, newGroup: n.newGroup });
  };
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
    // The file is rejected anyway after an error: keep validating, skip normalizing.
    if (!admit(row, checked.input, checked.input.sourceId, mapped.columns.sourceId)) return;
    const n = normalizeIncident(checked.input, { matcher, timeZone: opts.timeZone, sourceId: checked.input.sourceId });
    n.content.acledExtra = mapped.extra;
    if (n.newGroup && mapped.newGroupKind) n.newGroup = { ...n.newGroup, kind: mapped.newGroupKind, affiliation: null };
    emit(n);
  };
  /**
   * The duplicate-id check of a valid row: records its id's first row, folds a dyadic partner, or
   * reports a duplicate. True when the row is to be normalized and written (no error in the file).
   */
  const admit = (row: number, input: PartnerKey, sourceId: string, column: string): boolean => {
    const first = firstRows.find(input.source, sourceId);
    if (first !== -1) {
      // ACLED's dyadic exports repeat an event once per side: the repeat is the same event, not a
      // second one (docs/intake.md, "ACLED variants"). Anything else sharing an id is an error.
      if (acled && firstRows.isPartner(first, input)) foldPartner(first, input);
      else
        errors.push({
          row: row,
          column,
          message: `duplicate id "${sourceId}" (also on row ${firstRows.row(first)})${acled ? ' and is not its dyadic partner' : ''}`,
        });
      return false;
    }
    firstRows.add(input, sourceId, row, packer ? packer.count : rows.length, batch);
    return !errors.length;
  };
  const emit = (n: NormalizedIncident) => (packer ? packer.add(n) : rows.push(n));
  /** A dyadic partner row: written nowhere; its actor becomes the event's actor2 when the first row named none. */
  const foldPartner = (first: number, partner: PartnerKey) => {
    if (firstRows.batch(first) !== batch) return;
    if (packer) return packer.fillActor2(firstRows.index(first), partner.actor1!);
    const n = rows[firstRows.index(first)];
    if (n && !n.content.actor2) n.content.actor2 = partner.actor1;
  };
  const finish = (tableErrors: RowError[]): Validated => {
    errors.push(...tableErrors);
    if (!errors.length && !count) errors.push({ row: 2, column: '', message: 'the file has a header but no data rows' });
    errors.sort((a, b) => a.row - b.row);
    return { rows: errors.length ? [] : rows, count, errors };
  };
  /** The rows normalized since the last call (none with a sink, which must start its next batch with this call). */
  const take = (): NormalizedIncident[] => (batch++, rows.splice(0));
  return { tableOptions, onRecord, onCells, finish, take, hasErrors: () => errors.length > 0 };
}
