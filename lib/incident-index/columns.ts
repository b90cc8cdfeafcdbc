/**
 * Columnar copy of the filterable incident fields, sorted newest first (occurred_at DESC, id
 * DESC: the list order), so tight loops over typed arrays answer counts, facets, the first page,
 * timeline bins and map points without materialising row objects. The four categorical fields
 * (group, region, event type, sub-event type) and the dataset bits are stored as one "combo"
 * code: the data holds a few hundred distinct combinations, so a filter is decided once per
 * combo, not once per row (the dataset filter costs the scans nothing).
 */

/** Interns strings as small integer codes; code 0 is reserved for null. Grow-only. */
export class Dictionary {
  private readonly codes = new Map<string, number>();
  readonly values: (string | null)[] = [null];

  code(value: string | null): number {
    if (value === null) return 0;
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.codes.set(value, c);
    }
    return c;
  }

  /** Code of a value already seen, or -1 (a filter value that matches no stored row). */
  find(value: string): number {
    return this.codes.get(value) ?? -1;
  }

  get size(): number {
    return this.values.length;
  }
}

/** Distinct (group, region, event type, sub-event type, datasets) tuples, as dictionary codes. Grow-only. */
export class Combos {
  readonly group: number[] = [];
  readonly region: number[] = [];
  readonly type: number[] = [];
  readonly sub: number[] = [];
  /** Dataset bits (lib/datasets/dataset-bits.ts) of each combo. */
  readonly datasets: number[] = [];
  /** group → region → type → sub → datasets → combo: no string built per row on the load path. */
  private readonly tree = new Map<string, Map<string | null, Map<string, Map<string, Map<number, number>>>>>();
  readonly dict = { group: new Dictionary(), region: new Dictionary(), type: new Dictionary(), sub: new Dictionary() };

  code(group: string, region: string | null, type: string, sub: string, datasets: number): number {
    let byRegion = this.tree.get(group);
    if (!byRegion) this.tree.set(group, (byRegion = new Map<string | null, Map<string, Map<string, Map<number, number>>>>()));
    let byType = byRegion.get(region);
    if (!byType) byRegion.set(region, (byType = new Map<string, Map<string, Map<number, number>>>()));
    let bySub = byType.get(type);
    if (!bySub) byType.set(type, (bySub = new Map<string, Map<number, number>>()));
    let byDatasets = bySub.get(sub);
    if (!byDatasets) bySub.set(sub, (byDatasets = new Map<number, number>()));
    let c = byDatasets.get(datasets);
    if (c === undefined) {
      c = this.group.length;
      this.group.push(this.dict.group.code(group));
      this.region.push(this.dict.region.code(region));
      this.type.push(this.dict.type.code(type));
      this.sub.push(this.dict.sub.code(sub));
      this.datasets.push(datasets);
      byDatasets.set(datasets, c);
    }
    return c;
  }

  get size(): number {
    return this.group.length;
  }
}

/** Flag bits. DELETED marks a row superseded since the columns were built (tombstone). */
export const DEMO = 1;
export const CROSS_BORDER = 2;
export const DELETED = 4;
/** The claim status, two bits: neither set is 'unclaimed'. */
export const CLAIMED = 8;
export const DISPUTED = 16;
/** The source count column saturates here (the filter's floor goes no higher than MAX_MIN_SOURCES). */
export const MAX_SOURCES = 0xffff;

const CLAIM_FLAGS: Record<string, number> = { claimed: CLAIMED, disputed: DISPUTED };
/** Flag bits of a claim status ('unclaimed' and anything unknown: none). */
export const claimFlags = (status: string): number => CLAIM_FLAGS[status] ?? 0;
/** `killed` / `injured` value standing for SQL NULL. */
export const NONE = -1;

export interface Columns {
  n: number;
  id: Int32Array;
  /** occurred_at, epoch ms. */
  at: Float64Array;
  /** occurred_day, days since 1970-01-01 in the reporting zone. */
  day: Int32Array;
  combo: Uint32Array;
  killed: Int32Array;
  injured: Int32Array;
  lat: Float64Array;
  lon: Float64Array;
  flags: Uint8Array;
  /** sources behind the incident (source_count), saturating at MAX_SOURCES. */
  sources: Uint16Array;
}

/** One incident's indexed fields as read from SQLite. */
export interface IndexRow {
  id: number;
  at: number;
  day: number;
  group: string;
  region: string | null;
  type: string;
  sub: string;
  killed: number | null;
  injured: number | null;
  lat: number;
  lon: number;
  demo: boolean;
  crossBorder: boolean;
  sourceCount: number;
  claimStatus: string;
  /** Dataset bits: the origin's and the merged ones (lib/datasets/dataset-bits.ts `datasetMask`). */
  datasets: number;
}

export function allocColumns(n: number): Columns {
  return {
    n,
    id: new Int32Array(n),
    at: new Float64Array(n),
    day: new Int32Array(n),
    combo: new Uint32Array(n),
    killed: new Int32Array(n),
    injured: new Int32Array(n),
    lat: new Float64Array(n),
    lon: new Float64Array(n),
    flags: new Uint8Array(n),
    sources: new Uint16Array(n),
  };
}

const COLUMN_KEYS = ['id', 'at', 'day', 'combo', 'killed', 'injured', 'lat', 'lon', 'flags', 'sources'] as const;

export function setRow(c: Columns, i: number, r: IndexRow, combos: Combos): void {
  c.id[i] = r.id;
  c.at[i] = r.at;
  c.day[i] = r.day;
  c.combo[i] = combos.code(r.group, r.region, r.type, r.sub, r.datasets);
  c.killed[i] = r.killed ?? NONE;
  c.injured[i] = r.injured ?? NONE;
  c.lat[i] = r.lat;
  c.lon[i] = r.lon;
  c.flags[i] = (r.demo ? DEMO : 0) | (r.crossBorder ? CROSS_BORDER : 0) | claimFlags(r.claimStatus);
  c.sources[i] = Math.min(r.sourceCount, MAX_SOURCES);
}

/** Copies row `from` of `src` to row `to` of `dst`. */
export function copyRow(src: Columns, from: number, dst: Columns, to: number): void {
  for (const k of COLUMN_KEYS) dst[k][to] = src[k][from];
}

/** True when row i of a sorts before row j of b (newer first, then higher id first). */
export function before(a: Columns, i: number, b: Columns, j: number): boolean {
  return a.at[i] > b.at[j] || (a.at[i] === b.at[j] && a.id[i] > b.id[j]);
}

/** Builds sorted columns from rows in any order. */
export function buildColumns(rows: readonly IndexRow[], combos: Combos): Columns {
  const order = rows.map((_, i) => i).sort((x, y) => rows[y].at - rows[x].at || rows[y].id - rows[x].id);
  const c = allocColumns(rows.length);
  order.forEach((r, i) => setRow(c, i, rows[r], combos));
  return c;
}

/** Sorts columns filled in arbitrary order (a bulk load) into list order. */
export function sortColumns(c: Columns): Columns {
  const order = new Uint32Array(c.n);
  for (let i = 0; i < c.n; i++) order[i] = i;
  const { at, id } = c;
  order.sort((x, y) => at[y] - at[x] || id[y] - id[x]);
  const out = allocColumns(c.n);
  for (const k of COLUMN_KEYS) {
    const from = c[k];
    const to = out[k];
    for (let i = 0; i < c.n; i++) to[i] = from[order[i]];
  }
  return out;
}

/** Keeps the rows of `main` that are not DELETED and merges `extra` (sorted) in: one O(n) pass. */
export function mergeColumns(main: Columns, extra: Columns): Columns {
  let alive = 0;
  for (let i = 0; i < main.n; i++) if (!(main.flags[i] & DELETED)) alive++;
  const out = allocColumns(alive + extra.n);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < main.n || j < extra.n) {
    if (i < main.n && main.flags[i] & DELETED) i++;
    else if (j >= extra.n || (i < main.n && before(main, i, extra, j))) copyRow(main, i++, out, o++);
    else copyRow(extra, j++, out, o++);
  }
  return out;
}

/** First position whose (at, id) sorts after the cursor (at, id), i.e. strictly older. */
export function positionAfter(c: Columns, at: number, id: number): number {
  let lo = 0;
  let hi = c.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.at[mid] > at || (c.at[mid] === at && c.id[mid] >= id)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position with at ≤ t (rows are newest first), or with at < t when `strict`. */
export function firstAtOrBefore(c: Columns, t: number, strict = false): number {
  let lo = 0;
  let hi = c.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.at[mid] > t || (strict && c.at[mid] === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
