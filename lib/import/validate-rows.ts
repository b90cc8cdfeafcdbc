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

  add(input: IncidentInput, sourceId: string, row: number, index: number, batch: number): void {
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
  isPartner(s: number, b: IncidentInput): boolean {
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
    const first = firstRows.find(checked.input.source, checked.input.sourceId);
    if (first !== -1) {
      // ACLED's dyadic exports repeat an event once per side: the repeat is the same event, not a
      // second one (docs/intake.md, "ACLED variants"). Anything else sharing an id is an error.
      if (acled && firstRows.isPartner(first, checked.input)) return foldPartner(first, checked.input);
      errors.push({
        row: row,
        column: mapped.columns.sourceId,
        message: `duplicate id "${checked.input.sourceId}" (also on row ${firstRows.row(first)})${acled ? ' and is not its dyadic partner' : ''}`,
      });
      return;
    }
    firstRows.add(checked.input, checked.input.sourceId, row, packer ? packer.count : rows.length, batch);
    if (errors.length) return; // the file is rejected anyway: keep validating, skip normalizing
    const n = normalizeIncident(checked.input, { matcher, timeZone: opts.timeZone, sourceId: checked.input.sourceId });
    n.content.acledExtra = mapped.extra;
    if (n.newGroup && mapped.newGroupKind) n.newGroup = { ...n.newGroup, kind: mapped.newGroupKind, affiliation: null };
    if (packer) packer.add(n);
    else rows.push(n);
  };
  /** A dyadic partner row: written nowhere; its actor becomes the event's actor2 when the first row named none. */
  const foldPartner = (first: number, partner: IncidentInput) => {
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
