import { and, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { incidents } from '@/db/schema';
import type { Engine } from '@/db/engine';
import { FILTER_FIELD_NAMES, normaliseFilter, type FilterField, type FilterTerms, type TimeBound } from '@/lib/filters/definition';
import { datasetCondition } from './dataset-mask-sql';
import { toTsQuery } from '@/lib/validation/fts';
import type { IncidentFilter } from '@/lib/validation/incident-filter';

type Conditions = { [K in FilterField]: (term: NonNullable<FilterTerms[K]>, ctx: { engine: Engine; q: string }) => SQL | undefined };

/** Calendar dates compare against `occurred_day` (the local date in the reporting zone), instants against `occurred_at`. */
const time = (b: TimeBound, cmp: typeof gte) => (b.day !== undefined ? cmp(incidents.occurredDay, b.day) : cmp(incidents.occurredAt, b.at));

/** PostgreSQL's stored search document (db/migrations-pg 0009; not in db/schema: SQLite has none). */
const SEARCH = sql.raw('"incidents"."search"');

/**
 * Ids matching free text on PostgreSQL: the GIN index of db/migrations-pg over the stored search
 * document of the same columns as SQLite's FTS5 table, with the same words as prefix terms (toTsQuery), so both
 * engines answer the same rows. Null when the text has no searchable word.
 */
export function pgTextCondition(q: string): SQL | null {
  const query = toTsQuery(q);
  if (query === null) return null;
  return sql`${SEARCH} @@ to_tsquery('public.frontier_search', ${query})`;
}

/** The filter's from/to as SQL (undefined when it sets neither), as `incidentConditions` reads them. */
export function timeWindowCondition(f: { from?: string; to?: string }): SQL | undefined {
  const t = normaliseFilter({ from: f.from, to: f.to });
  return and(t.from ? time(t.from, gte) : undefined, t.to ? time(t.to, lte) : undefined);
}

/** Each field of lib/filters/definition.ts as SQL over the stored (normalised) columns. */
const CONDITIONS: Conditions = {
  from: (b) => time(b, gte),
  to: (b) => time(b, lte),
  group: (ids) => inArray(incidents.groupId, [...ids]),
  region: (r) => {
    const parts = [r.ids.length ? inArray(incidents.region, [...r.ids]) : undefined, r.none ? isNull(incidents.region) : undefined].filter(
      Boolean,
    ) as SQL[];
    return parts.length === 1 ? parts[0] : or(...parts);
  },
  type: (types) => or(inArray(incidents.eventType, [...types]), inArray(incidents.subEventType, [...types])),
  minKilled: (min) => gte(incidents.killed, min),
  minSources: (min) => gte(incidents.sourceCount, min),
  claimStatus: (statuses) => inArray(incidents.claimStatus, statuses as (typeof incidents.claimStatus._.data)[]),
  source: (mask) => datasetCondition(mask),
  // A query with no searchable words matches nothing rather than everything (`1 = 0`: a plain
  // `0` is not a boolean on PostgreSQL).
  q: (t, { engine, q }) => {
    if (engine === 'postgres') return pgTextCondition(q) ?? sql`1 = 0`;
    return t.match ? sql`${incidents.id} IN (SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ${t.match})` : sql`0`;
  },
  bbox: (b) => and(gte(incidents.lat, b.south), lte(incidents.lat, b.north), gte(incidents.lon, b.west), lte(incidents.lon, b.east)),
};

/**
 * Translates the filter into SQL conditions for `engine`, one per field set, plus the page cursor.
 * Only the text search differs between the engines (FTS5 MATCH on SQLite, the GIN search on
 * PostgreSQL).
 */
export function incidentConditions(f: Omit<IncidentFilter, 'limit' | 'cursor'> & { cursor?: string }, engine: Engine): SQL | undefined {
  const terms = normaliseFilter(f);
  const ctx = { engine, q: f.q ?? '' };
  const conds: (SQL | undefined)[] = [];
  for (const k of FILTER_FIELD_NAMES) {
    const t = terms[k];
    if (t !== null) conds.push((CONDITIONS[k] as (t: unknown, c: typeof ctx) => SQL | undefined)(t, ctx));
  }
  if (f.cursor) {
    const [at, id] = f.cursor.split('_').map(Number);
    conds.push(or(lt(incidents.occurredAt, at), and(eq(incidents.occurredAt, at), lt(incidents.id, id))));
  }
  return and(...conds);
}
