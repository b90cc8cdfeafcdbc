/**
 * Normalized incidents as the values the import writer binds (the content columns of incidents,
 * in one fixed order), and a packed form of many rows for the worker → writer message: numbers
 * and value kinds in transferable typed arrays, every string in one string: structured clone of
 * row objects cost more to post and to receive, and the writing thread then still had to encode
 * them; packing, posting and unpacking together cost less. Pure: reads the drizzle table definition, opens no database.
 */
import { getTableColumns } from 'drizzle-orm';
import { incidents } from '@/db/schema/incidents';
import type { IncidentContent, NormalizedIncident } from '@/lib/incidents/normalize';
import type { GroupDef } from '@/lib/taxonomy/groups';
import { doubled } from '@/lib/typed-grow';

/** Columns an import sets itself (not content): id, dataset, batch and timestamps. */
export const META_KEYS = new Set(['id', 'dataset', 'importBatchId', 'createdAt', 'updatedAt']);

/** Content columns (what an import writes and an update may change), in the order of every encoded row. */
export const CONTENT_COLUMNS = Object.entries(getTableColumns(incidents)).filter(([key]) => !META_KEYS.has(key));

// Booleans are stored as 0/1; integer, real and text values are stored as they are. Any other
// column type would need its own mapping here: fail at load rather than store it wrongly.
const BOOLEAN = CONTENT_COLUMNS.map(([key, col]) => {
  if (col.columnType === 'SQLiteBoolean') return true;
  if (['SQLiteInteger', 'SQLiteReal', 'SQLiteText'].includes(col.columnType)) return false;
  throw new Error(`row-batch: no encoding for ${key} (${col.columnType})`);
});
const KEYS = CONTENT_COLUMNS.map(([key]) => key as keyof IncidentContent);
const DEFAULTS = CONTENT_COLUMNS.map(
  ([, col], j) => (col.default === undefined || col.default === null ? null : BOOLEAN[j] ? (col.default ? 1 : 0) : col.default) as unknown,
);
const WIDTH = KEYS.length;

/** Positions of the upsert key in an encoded row. */
export const SOURCE_AT = KEYS.indexOf('source');
export const SOURCE_ID_AT = KEYS.indexOf('sourceId');

/**
 * A row's content values in CONTENT_COLUMNS order, each read by name: one monomorphic property
 * read per column, where `content[KEYS[j]]` with a changing key was a megamorphic look-up per cell
 * (~7% of the parsing worker's time with packing, docs/benchmarks.md). The order is checked
 * against the schema below, when this module loads.
 */
const contentValues = (c: IncidentContent): unknown[] => [
  c.source,
  c.sourceId,
  c.occurredAt,
  c.occurredDay,
  c.hasTime,
  c.timePrecision,
  c.country,
  c.admin1,
  c.admin2,
  c.admin3,
  c.location,
  c.lat,
  c.lon,
  c.geoPrecision,
  c.region,
  c.eventType,
  c.subEventType,
  c.groupId,
  c.actor1,
  c.assocActors,
  c.actor2,
  c.claimStatus,
  c.target,
  c.killed,
  c.injured,
  c.killedSecurity,
  c.killedCivilians,
  c.killedMilitants,
  c.injuredSecurity,
  c.injuredCivilians,
  c.injuredMilitants,
  c.crossBorder,
  c.sources,
  c.sourceCount,
  c.mergedDatasets,
  c.sourceScale,
  c.verification,
  c.notes,
  c.acledExtra,
];
// A column added to, removed from or moved in the schema must be added, removed or moved above.
const names = contentValues(Object.fromEntries(KEYS.map((k) => [k, k])) as unknown as IncidentContent);
if (names.length !== WIDTH || names.some((name, j) => name !== KEYS[j]))
  throw new Error(`row-batch: contentValues reads ${names.join(', ')}, the schema's content columns are ${KEYS.join(', ')}`);

/** One row's content as driver values in CONTENT_COLUMNS order (absent → the column default). */
export function encodeContent(content: IncidentContent): unknown[] {
  const out = contentValues(content);
  for (let j = 0; j < WIDTH; j++) {
    const v = out[j];
    out[j] = v === undefined ? DEFAULTS[j] : v === null ? null : BOOLEAN[j] ? (v ? 1 : 0) : v;
  }
  return out;
}

const NULL = 0;
const NUMBER = 1;
const STRING = 2;
const SHARED = 3;

/**
 * Columns whose values are mostly unique per row (ids, free text, the kept ACLED columns): their
 * text goes into `text`. Every other string column repeats a few hundred values over a batch
 * (places, actors, types, sources): each distinct value is posted once, in `strings`, and the
 * writing thread takes it from there instead of slicing a copy out of `text` for every row (its
 * unpacking, deserialisation included, ~30% cheaper; docs/benchmarks-history.md).
 */
const UNIQUE = new Set<string>(['sourceId', 'notes', 'acledExtra']);
const SHARED_AT = KEYS.map((key) => !UNIQUE.has(key));
const ACTOR2_AT = KEYS.indexOf('actor2');
if (!SHARED_AT[ACTOR2_AT]) throw new Error('row-batch: fillActor2 patches actor2 in place, so it must be a shared column');

export interface PackedRows {
  count: number;
  /**
   * Per value: NULL, NUMBER (the value in `nums`), STRING (its length in `nums`, its text next in
   * `text`) or SHARED (its index in `strings`, for the columns not in UNIQUE). Both arrays may
   * be longer than `count` rows.
   */
  kinds: Uint8Array;
  nums: Float64Array;
  text: string;
  /** The distinct values of the repeating string columns in this batch. */
  strings: string[];
  /** Rows whose perpetrator is a new group: [row index, group]. */
  newGroups: [number, GroupDef][];
}

/**
 * Packs rows one at a time, as they are normalized, into the next PackedRows. The import worker
 * keeps no row objects until a batch is full: each row's objects die young, where a batch of 2,000
 * held rows survived every young-generation collection that met it and was copied by it.
 */
export class RowPacker {
  private kinds!: Uint8Array;
  private nums!: Float64Array;
  // Appending builds a rope that is flattened once when posted: cheaper than join() of an array.
  private text!: string;
  private strings!: string[];
  private shared!: Map<string, number>;
  // Each column's previous value and its index: neighbouring rows often repeat it (same place,
  // same actors), and comparing with it costs less than hashing a string fresh from the parser.
  private readonly lastValue: unknown[] = new Array<unknown>(WIDTH);
  private readonly lastAt = new Float64Array(WIDTH);
  private newGroups!: [number, GroupDef][];
  /** Rows packed into the current batch. */
  count = 0;

  constructor(private readonly rows = 2048) {
    this.reset();
  }

  add(row: NormalizedIncident): void {
    if ((this.count + 1) * WIDTH > this.kinds.length) this.grow();
    const values = encodeContent(row.content);
    const base = this.count * WIDTH;
    for (let j = 0; j < WIDTH; j++) this.put(base + j, j, values[j]);
    if (row.newGroup) this.newGroups.push([this.count, row.newGroup]);
    this.count++;
  }

  /** Gives packed row `row` of this batch the actor2 `actor` when it has none (a dyadic partner names it). */
  fillActor2(row: number, actor: string): void {
    const k = row * WIDTH + ACTOR2_AT;
    if (this.kinds[k] === NULL) this.put(k, ACTOR2_AT, actor);
  }

  /** The batch packed so far (post it with `transferList: packedTransfer(p)`); the next one starts empty. */
  take(): PackedRows {
    if (this.count === 0) return { count: 0, kinds: new Uint8Array(0), nums: new Float64Array(0), text: '', strings: [], newGroups: [] };
    const { count, kinds, nums, text, strings, newGroups } = this;
    this.reset();
    return { count, kinds, nums, text, strings, newGroups };
  }

  private put(k: number, j: number, v: unknown): void {
    if (v === null) return; // kinds[k] is NULL already
    if (typeof v === 'number') {
      this.kinds[k] = NUMBER;
      this.nums[k] = v;
    } else if (typeof v === 'string' && SHARED_AT[j]) {
      let at: number | undefined;
      if (v === this.lastValue[j]) at = this.lastAt[j];
      else {
        at = this.shared.get(v);
        if (at === undefined) this.shared.set(v, (at = this.strings.push(v) - 1));
        this.lastValue[j] = v;
        this.lastAt[j] = at;
      }
      this.kinds[k] = SHARED;
      this.nums[k] = at;
    } else if (typeof v === 'string') {
      this.kinds[k] = STRING;
      this.nums[k] = v.length;
      this.text += v;
    } else {
      throw new TypeError(`row-batch: ${String(KEYS[j])} is ${typeof v}, not a number, string or null`);
    }
  }

  private reset(): void {
    this.kinds = new Uint8Array(this.rows * WIDTH);
    this.nums = new Float64Array(this.rows * WIDTH);
    this.text = '';
    this.strings = [];
    this.shared = new Map();
    this.lastValue.fill(undefined);
    this.newGroups = [];
    this.count = 0;
  }

  private grow(): void {
    this.kinds = doubled(this.kinds);
    this.nums = doubled(this.nums);
  }
}

/** Encodes rows into one PackedRows (post it with `transferList: packedTransfer(p)`). */
export function packRows(rows: readonly NormalizedIncident[]): PackedRows {
  const packer = new RowPacker(Math.max(rows.length, 1));
  for (const row of rows) packer.add(row);
  return packer.take();
}

/** The buffers a PackedRows message can transfer instead of copying. */
export const packedTransfer = (p: PackedRows): ArrayBuffer[] => [p.kinds.buffer as ArrayBuffer, p.nums.buffer as ArrayBuffer];

/** Calls `each` with every packed row's encoded values (a fresh array) and its new group, in order. */
export function unpackRows(p: PackedRows, each: (values: unknown[], newGroup: GroupDef | null) => void): void {
  const { kinds, nums, text, strings } = p;
  let k = 0;
  let at = 0;
  let g = 0;
  for (let r = 0; r < p.count; r++) {
    const values: unknown[] = new Array(WIDTH);
    for (let j = 0; j < WIDTH; j++, k++) {
      const kind = kinds[k];
      if (kind === NULL) values[j] = null;
      else if (kind === NUMBER) values[j] = nums[k];
      else if (kind === SHARED) values[j] = strings[nums[k]];
      else {
        const end = at + nums[k];
        values[j] = text.slice(at, end);
        at = end;
      }
    }
    const newGroup = g < p.newGroups.length && p.newGroups[g][0] === r ? p.newGroups[g++][1] : null;
    each(values, newGroup);
  }
}
