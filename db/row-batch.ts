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

export interface PackedRows {
  count: number;
  /** Per value: NULL, NUMBER (the value in `nums`) or STRING (its length in `nums`, its text next in `text`). */
  kinds: Uint8Array;
  nums: Float64Array;
  text: string;
  /** Rows whose perpetrator is a new group: [row index, group]. */
  newGroups: [number, GroupDef][];
}

/** Encodes rows into one PackedRows (post it with `transferList: packedTransfer(p)`). */
export function packRows(rows: readonly NormalizedIncident[]): PackedRows {
  const kinds = new Uint8Array(rows.length * WIDTH);
  const nums = new Float64Array(rows.length * WIDTH);
  // Appending builds a rope that is flattened once when posted: cheaper than join() of an array.
  let text = '';
  const newGroups: [number, GroupDef][] = [];
  let k = 0;
  for (let r = 0; r < rows.length; r++) {
    const values = encodeContent(rows[r].content);
    for (let j = 0; j < WIDTH; j++, k++) {
      const v = values[j];
      if (v === null) continue; // kinds[k] is NULL already
      if (typeof v === 'number') {
        kinds[k] = NUMBER;
        nums[k] = v;
      } else if (typeof v === 'string') {
        kinds[k] = STRING;
        nums[k] = v.length;
        text += v;
      } else {
        throw new TypeError(`row-batch: ${String(KEYS[j])} is ${typeof v}, not a number, string or null`);
      }
    }
    if (rows[r].newGroup) newGroups.push([r, rows[r].newGroup!]);
  }
  return { count: rows.length, kinds, nums, text, newGroups };
}

/** The buffers a PackedRows message can transfer instead of copying. */
export const packedTransfer = (p: PackedRows): ArrayBuffer[] => [p.kinds.buffer as ArrayBuffer, p.nums.buffer as ArrayBuffer];

/** Calls `each` with every packed row's encoded values (a fresh array) and its new group, in order. */
export function unpackRows(p: PackedRows, each: (values: unknown[], newGroup: GroupDef | null) => void): void {
  const { kinds, nums, text } = p;
  let k = 0;
  let at = 0;
  let g = 0;
  for (let r = 0; r < p.count; r++) {
    const values: unknown[] = new Array(WIDTH);
    for (let j = 0; j < WIDTH; j++, k++) {
      const kind = kinds[k];
      if (kind === NULL) values[j] = null;
      else if (kind === NUMBER) values[j] = nums[k];
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
