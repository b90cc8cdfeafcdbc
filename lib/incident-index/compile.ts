import type { ViewFilter } from '@/lib/filters/schema';
import { dayNumber, isIsoDate, parseInstant } from '@/lib/time/zone';
import { canonicalEventType, canonicalSubEventType } from '@/lib/taxonomy/event-types';
import type { Combos, Dictionary } from './columns';

const DAY_MS = 86_400_000;
/**
 * occurred_at lies within this of its occurred_day's midnight UTC for every zone (offsets are
 * at most ±14 h; date-only rows sit at 12:00 UTC), so a day bound becomes a safe instant range
 * for the binary search and the exact day test is done per row.
 */
const DAY_SLACK_MS = 2 * DAY_MS;

/** Status bits per combo: which of the three multi-select dimensions it fails. */
export const FAILS_GROUP = 1;
export const FAILS_REGION = 2;
export const FAILS_TYPE = 4;

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
  bbox: { west: number; south: number; east: number; north: number } | null;
  /** Accepted ids (indexed by incident id) for a text search; null = no text filter. */
  text: Uint8Array | null;
  /** True when a row test beyond time and combo applies (casualties, viewport, text). */
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

function comboStatus(filter: ViewFilter, combos: Combos): Uint8Array {
  const d = combos.dict;
  const group = filter.group?.length ? accepted(d.group, filter.group) : null;
  let region: Uint8Array | null = null;
  if (filter.region?.length) {
    region = accepted(d.region, filter.region.filter((r) => r !== 'none'));
    if (filter.region.includes('none')) region[0] = 1;
  }
  let type: Uint8Array | null = null;
  let sub: Uint8Array | null = null;
  if (filter.type?.length) {
    // Stored types are canonical ACLED spellings; accept any casing/spacing, as the SQL path does.
    const types = filter.type.map((t) => canonicalEventType(t) ?? canonicalSubEventType(t)?.subEventType ?? t);
    type = accepted(d.type, types);
    sub = accepted(d.sub, types);
  }
  const status = new Uint8Array(combos.size);
  for (let k = 0; k < combos.size; k++) {
    let s = 0;
    if (group && group[combos.group[k]] !== 1) s |= FAILS_GROUP;
    if (region && region[combos.region[k]] !== 1) s |= FAILS_REGION;
    if (type && type[combos.type[k]] !== 1 && sub![combos.sub[k]] !== 1) s |= FAILS_TYPE;
    status[k] = s;
  }
  return status;
}

export function compileFilter(filter: ViewFilter, combos: Combos, text: TextMatches | null = null): CompiledFilter {
  const f: CompiledFilter = {
    atLo: -Infinity,
    atHi: Infinity,
    atMin: -Infinity,
    atMax: Infinity,
    dayMin: -Infinity,
    dayMax: Infinity,
    status: comboStatus(filter, combos),
    minKilled: 0,
    bbox: filter.bbox ?? null,
    text: null,
    rowChecks: false,
    none: false,
  };
  if (filter.from) {
    if (isIsoDate(filter.from)) {
      f.dayMin = dayNumber(filter.from);
      f.atLo = f.dayMin * DAY_MS - DAY_SLACK_MS;
    } else f.atLo = f.atMin = parseInstant(filter.from)!;
  }
  if (filter.to) {
    if (isIsoDate(filter.to)) {
      f.dayMax = dayNumber(filter.to);
      f.atHi = (f.dayMax + 1) * DAY_MS + DAY_SLACK_MS;
    } else f.atHi = f.atMax = parseInstant(filter.to)!;
  }
  if (filter.minKilled !== undefined && filter.minKilled > 0) f.minKilled = filter.minKilled;
  if (filter.q) {
    // A query with no searchable words matches nothing rather than everything (as in SQL).
    if (!text) f.none = true;
    else f.text = text.mask ??= textMask(text);
  }
  f.rowChecks = f.minKilled > 0 || f.bbox !== null || f.text !== null;
  return f;
}
