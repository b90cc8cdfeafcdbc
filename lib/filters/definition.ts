import { canonicalEventType, canonicalSubEventType } from '@/lib/taxonomy/event-types';
import { dayNumber, isIsoDate, parseInstant } from '@/lib/time/zone';
import { ftsWords, toFtsQuery } from '@/lib/validation/fts';
import { ALL_DATASETS_MASK, maskOf } from '@/lib/datasets/dataset-bits';
import type { ViewFilter } from './schema';

/**
 * The incident filter's one definition: per field, its parameter, how a parsed value is
 * normalised to the values the database stores, and what it means as a predicate over an
 * incident. The SQL condition (db/queries/incident-filter-sql.ts), the index's compiled filter
 * (lib/incident-index/compile.ts), the browser matcher and live-cache patch (match.ts) and the
 * alert scope (lib/alerts/scope.ts, scopeSql) start from `normaliseFilter`; the fast paths that
 * cannot call `matches` per row are checked against it by tests/integration/filter-definition.test.ts.
 */

/** An incident as the filter sees it: stored (canonical) values, instants as epoch ms. */
export interface FilterableIncident {
  id: number;
  occurredAt: number;
  /** Day number of the local date in the reporting zone (or the given date). */
  occurredDay: number;
  groupId: string;
  region: string | null;
  eventType: string;
  subEventType: string;
  killed: number | null;
  lat: number;
  lon: number;
  /** Independent sources behind the incident (IncidentRecord.sourceCount). */
  sourceCount: number;
  claimStatus: string;
  /** Bits of the datasets the incident rests on (lib/datasets/dataset-bits.ts `datasetMask`). */
  datasets: number;
  /**
   * The searchable text (location, admin3..1, actor1, assoc actors, actor2, group id, notes);
   * absent where it is not at hand (the browser), which leaves `q` undecided.
   */
  text?: string;
}

/** The fields group, region and type read: all an alert scope has. */
export type IncidentDimensions = Pick<FilterableIncident, 'groupId' | 'region' | 'eventType' | 'subEventType'>;

/** A time bound: a calendar day in the reporting zone, or an instant. */
export type TimeBound = { day: number; at?: undefined } | { at: number; day?: undefined };
export interface Bbox {
  west: number;
  south: number;
  east: number;
  north: number;
}
export interface RegionTerm {
  ids: readonly string[];
  /** `none` selects incidents outside every monitored region (region NULL). */
  none: boolean;
}
export interface TextTerm {
  /** The FTS5 MATCH expression; null when the text has no searchable word (matches nothing). */
  match: string | null;
  /** The same words folded as the tokenizer folds them. */
  words: readonly string[];
}

interface Field<V, T, I = FilterableIncident> {
  /** The query parameter, also the ViewFilter key. */
  param: string;
  /** The parsed value turned into the stored values it compares with; null = no condition. */
  normalise(value: V): T | null;
  /** The field's meaning. Fast paths (SQL, the index) must agree with it row for row. */
  matches(i: I, term: T): boolean;
}

const bound = (s: string): TimeBound => (isIsoDate(s) ? { day: dayNumber(s) } : { at: parseInstant(s)! });

/** Case and diacritics folded the way the FTS5 tokenizer (unicode61 remove_diacritics 2) folds them. */
const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/** Every word is a prefix of some token of the text (the FTS5 query toFtsQuery builds). */
function textMatches(text: string, words: readonly string[]): boolean {
  const tokens = ftsWords(fold(text), Infinity);
  return words.every((w) => tokens.some((t) => t.startsWith(w)));
}

/** Type values as stored: any casing or spacing of an ACLED event or sub-event type. */
export const canonicalType = (t: string): string => canonicalEventType(t) ?? canonicalSubEventType(t)?.subEventType ?? t;

export const FILTER_FIELDS = {
  /** Inclusive start: a date compares the local day, an instant the occurrence instant. */
  from: {
    param: 'from' as const,
    normalise: bound,
    matches: (i, b) => (b.day !== undefined ? i.occurredDay >= b.day : i.occurredAt >= b.at),
  } satisfies Field<string, TimeBound>,
  /** Inclusive end, read like `from`. */
  to: {
    param: 'to' as const,
    normalise: bound,
    matches: (i, b) => (b.day !== undefined ? i.occurredDay <= b.day : i.occurredAt <= b.at),
  } satisfies Field<string, TimeBound>,
  /** Group ids (slugs) compared exactly. */
  group: {
    param: 'group' as const,
    normalise: (v) => (v.length ? v : null),
    matches: (i, ids) => ids.includes(i.groupId),
  } satisfies Field<readonly string[], readonly string[], IncidentDimensions>,
  /** Region ids; `none` is the absent region. */
  region: {
    param: 'region' as const,
    normalise: (v) => (v.length ? { ids: v.filter((r) => r !== 'none'), none: v.includes('none') } : null),
    matches: (i, r) => (i.region === null ? r.none : r.ids.includes(i.region)),
  } satisfies Field<readonly string[], RegionTerm, IncidentDimensions>,
  /** Event or sub-event types in their canonical ACLED spelling; either column may match. */
  type: {
    param: 'type' as const,
    normalise: (v) => (v.length ? [...new Set(v.map(canonicalType))] : null),
    matches: (i, types) => types.includes(i.eventType) || types.includes(i.subEventType),
  } satisfies Field<readonly string[], readonly string[], IncidentDimensions>,
  /** A casualty floor: unknown casualties never pass; 0 is no condition. */
  minKilled: {
    param: 'minKilled' as const,
    normalise: (v) => (v > 0 ? v : null),
    matches: (i, min) => i.killed !== null && i.killed >= min,
  } satisfies Field<number, number>,
  /** A floor on the independent sources behind the incident; 1 is no condition (every incident has one). */
  minSources: {
    param: 'minSources' as const,
    normalise: (v) => (v > 1 ? v : null),
    matches: (i, min) => i.sourceCount >= min,
  } satisfies Field<number, number>,
  /** Claim statuses (claimed, unclaimed, disputed) compared exactly. */
  claimStatus: {
    param: 'claimStatus' as const,
    normalise: (v) => (v.length ? v : null),
    matches: (i, statuses) => statuses.includes(i.claimStatus),
  } satisfies Field<readonly string[], readonly string[]>,
  /**
   * Datasets: the incident passes when ANY of its datasets (its origin's and those merged into
   * it) is listed. Every incident has one, so the full list is no condition.
   */
  source: {
    param: 'source' as const,
    normalise: (v) => (v.length && maskOf(v) !== ALL_DATASETS_MASK ? maskOf(v) : null),
    matches: (i, mask) => (i.datasets & mask) !== 0,
  } satisfies Field<readonly string[], number>,
  /** Free text: every word a prefix of a word of the searchable text; no word matches nothing. */
  q: {
    param: 'q' as const,
    normalise: (v) => (v ? { match: toFtsQuery(v), words: ftsWords(v).map(fold) } : null),
    matches: (i, t) => t.match !== null && (i.text === undefined || textMatches(i.text, t.words)),
  } satisfies Field<string, TextTerm>,
  /** The viewport, edges inclusive. */
  bbox: {
    param: 'bbox' as const,
    normalise: (v) => v,
    matches: (i, b) => i.lat >= b.south && i.lat <= b.north && i.lon >= b.west && i.lon <= b.east,
  } satisfies Field<Bbox, Bbox>,
} satisfies { [K in keyof ViewFilter]-?: Field<NonNullable<ViewFilter[K]>, unknown, never> & { param: K } };

export type FilterField = keyof typeof FILTER_FIELDS;
/** The fields in declaration order (the order of the SQL conditions and of the parameters). */
export const FILTER_FIELD_NAMES = Object.keys(FILTER_FIELDS) as FilterField[];

/** Each field's normalised term, null where the filter sets no condition. */
export type FilterTerms = { [K in FilterField]: ReturnType<(typeof FILTER_FIELDS)[K]['normalise']> };

type Input = { [K in FilterField]?: Parameters<(typeof FILTER_FIELDS)[K]['normalise']>[0] };

/** The filter as stored values compare: what every implementation starts from. */
export function normaliseFilter(f: Input): FilterTerms {
  const terms = {} as Record<FilterField, unknown>;
  for (const k of FILTER_FIELD_NAMES) {
    const v = f[k];
    terms[k] = v === undefined ? null : (FILTER_FIELDS[k].normalise as (v: unknown) => unknown)(v);
  }
  return terms as FilterTerms;
}

type Predicate = (i: FilterableIncident, term: unknown) => boolean;

/**
 * The filter's meaning: whether the incident passes every condition set. `q` passes when the
 * incident carries no text (undecided; callers that cannot search say so, see canPatch).
 */
export function matchesTerms(terms: Partial<FilterTerms>, i: FilterableIncident): boolean {
  for (const k of FILTER_FIELD_NAMES) {
    const t = terms[k];
    if (t != null && !(FILTER_FIELDS[k].matches as Predicate)(i, t)) return false;
  }
  return true;
}

/** The three dimensions an alert scope has, read from the same declarations. */
export function matchesDimensions(terms: Pick<Partial<FilterTerms>, 'group' | 'region' | 'type'>, i: IncidentDimensions): boolean {
  return (
    (terms.group == null || FILTER_FIELDS.group.matches(i, terms.group)) &&
    (terms.region == null || FILTER_FIELDS.region.matches(i, terms.region)) &&
    (terms.type == null || FILTER_FIELDS.type.matches(i, terms.type))
  );
}
