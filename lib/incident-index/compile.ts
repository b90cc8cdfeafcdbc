import { FILTER_FIELD_NAMES, normaliseFilter, type FilterField, type FilterTerms } from '@/lib/filters/definition';
import type { ViewFilter } from '@/lib/filters/schema';
import { claimFlags, CLAIMED, DISPUTED, type Combos, type Dictionary } from './columns';

const DAY_MS = 86_400_000;
/**
 * occurred_at lies within this of its occurred_day's midnight UTC for every zone (offsets are
 * at most ±14 h; date-only rows sit at 12:00 UTC), so a day bound becomes a safe instant range
 * for the binary search and the exact day test is done per row.
 */
const DAY_SLACK_MS = 2 * DAY_MS;

/** The flag bits that hold the claim status (columns.ts). */
export const CLAIM_MASK = CLAIMED | DISPUTED;

/** Status bits per combo: which of the three multi-select dimensions it fails. */
export const FAILS_GROUP = 1;
export const FAILS_REGION = 2;
export const FAILS_TYPE = 4;
export const FAILS_SOURCE = 8;

/** A filter turned into per-combo verdicts and numeric bounds, ready for the scans. */
export interface CompiledFilter {
  /** Instant bounds (inclusive) that contain every candidate row: the scanned range. */
  atLo: number;
  atHi: number;
  /** Exact bounds, checked per row. */
  atMin: number;
  atMax: number;
  dayMin: number;
  dayMax: number;
  /** Per combo code: FAILS_* bits (0 = passes group, region and type). */
  status: Uint8Array;
  /** 0 = no casualty floor. */
  minKilled: number;
  /** 0 = no source floor. */
  minSources: number;
  /** Claim flag values (CLAIMED, DISPUTED, 0 = unclaimed) accepted, as a 32-entry table; null = any. */
  claim: Uint8Array | null;
  bbox: { west: number; south: number; east: number; north: number } | null;
  /** Accepted ids (indexed by incident id) for a text search; null = no text filter. */
  text: Uint8Array | null;
  /** True when a row test beyond time and combo applies (casualties, sources, claim, viewport, text). */
  rowChecks: boolean;
  /** True when nothing can match (e.g. a text query with no searchable words). */
  none: boolean;
}

/** Ids the full-text index returned for `q`; null when `q` has no searchable word. */
export interface TextMatches {
  ids: ArrayLike<number>;
  maxId: number;
  /** The ids as an id-indexed mask, built on first use and kept with a cached answer. */
  mask?: Uint8Array;
}

function textMask(text: TextMatches): Uint8Array {
  const m = new Uint8Array(text.maxId + 1);
  for (let i = 0; i < text.ids.length; i++) if (text.ids[i] <= text.maxId) m[text.ids[i]] = 1;
  return m;
}

function accepted(dict: Dictionary, values: readonly string[]): Uint8Array {
  const m = new Uint8Array(dict.size);
  for (const v of values) {
    const c = dict.find(v);
    if (c >= 0) m[c] = 1;
  }
  return m;
}

/** A compiled filter being built, with the accepted dictionary codes of the combo dimensions. */
interface Build {
  f: CompiledFilter;
  dict: Combos['dict'];
  text: TextMatches | null;
  group: Uint8Array | null;
  region: Uint8Array | null;
  type: Uint8Array | null;
  sub: Uint8Array | null;
  /** Accepted dataset bits; 0 = any. */
  datasets: number;
}

/**
 * Each field of lib/filters/definition.ts as index support: the categorical ones become accepted
 * codes decided once per combo, the others bounds and row checks for the scans (scan.ts).
 */
const APPLY: { [K in FilterField]: (term: NonNullable<FilterTerms[K]>, b: Build) => void } = {
  from: (t, { f }) => {
    if (t.day !== undefined) {
      f.dayMin = t.day;
      f.atLo = f.dayMin * DAY_MS - DAY_SLACK_MS;
    } else f.atLo = f.atMin = t.at;
  },
  to: (t, { f }) => {
    if (t.day !== undefined) {
      f.dayMax = t.day;
      f.atHi = (f.dayMax + 1) * DAY_MS + DAY_SLACK_MS;
    } else f.atHi = f.atMax = t.at;
  },
  group: (ids, b) => (b.group = accepted(b.dict.group, ids)),
  region: (r, b) => {
    b.region = accepted(b.dict.region, r.ids);
    if (r.none) b.region[0] = 1;
  },
  type: (types, b) => {
    b.type = accepted(b.dict.type, types);
    b.sub = accepted(b.dict.sub, types);
  },
  source: (mask, b) => (b.datasets = mask),
  minKilled: (min, { f }) => (f.minKilled = min),
  minSources: (min, { f }) => (f.minSources = min),
  claimStatus: (statuses, { f }) => {
    f.claim = new Uint8Array(CLAIM_MASK + 1);
    for (const s of statuses) f.claim[claimFlags(s)] = 1;
  },
  // A query with no searchable words matches nothing rather than everything (as in SQL).
  q: (_, b) => (b.text ? (b.f.text = b.text.mask ??= textMask(b.text)) : (b.f.none = true)),
  bbox: (bbox, { f }) => (f.bbox = bbox),
};

function comboStatus(b: Build, combos: Combos): Uint8Array {
  const { group, region, type, sub, datasets } = b;
  const status = new Uint8Array(combos.size);
  if (!group && !region && !type && !datasets) return status;
  for (let k = 0; k < combos.size; k++) {
    let s = 0;
    if (group && group[combos.group[k]] !== 1) s |= FAILS_GROUP;
    if (region && region[combos.region[k]] !== 1) s |= FAILS_REGION;
    if (type && type[combos.type[k]] !== 1 && sub![combos.sub[k]] !== 1) s |= FAILS_TYPE;
    if (datasets && (combos.datasets[k] & datasets) === 0) s |= FAILS_SOURCE;
    status[k] = s;
  }
  return status;
}

/** `text`: the ids the full-text index returned for `filter.q` (null when it has no searchable word). */
export function compileFilter(filter: ViewFilter, combos: Combos, text: TextMatches | null = null): CompiledFilter {
  const f: CompiledFilter = {
    atLo: -Infinity,
    atHi: Infinity,
    atMin: -Infinity,
    atMax: Infinity,
    dayMin: -Infinity,
    dayMax: Infinity,
    status: new Uint8Array(0),
    minKilled: 0,
    minSources: 0,
    claim: null,
    bbox: null,
    text: null,
    rowChecks: false,
    none: false,
  };
  const b: Build = { f, dict: combos.dict, text, group: null, region: null, type: null, sub: null, datasets: 0 };
  const terms = normaliseFilter(filter);
  for (const k of FILTER_FIELD_NAMES) {
    const t = terms[k];
    if (t !== null) (APPLY[k] as (t: unknown, b: Build) => void)(t, b);
  }
  f.status = comboStatus(b, combos);
  f.rowChecks = f.minKilled > 0 || f.minSources > 0 || f.claim !== null || f.bbox !== null || f.text !== null;
  return f;
}
