/**
 * The stored incidents an imported one may duplicate, read for lib/datasets/match-score.ts: the
 * report candidates' place test (same district, or inside the 30 km box around the point: `box`
 * of ./report-candidates.ts) over a day range wide enough for a month-long date range on either
 * side. Bounded like the report candidates' search (CANDIDATE_SCAN_LIMIT rows).
 */
import { and, between, desc, inArray, or, sql } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import { builder, engineOf } from '@/db/engine';
import { incidents } from '@/db/schema';
import type { Store } from '@/db/store';
import { cachedStatement } from '@/db/statement-cache';
import { MAX_MATCH_RANGE_DAYS } from '@/lib/datasets/day-range';
import { MATCH_WINDOW_DAYS, type MatchableRow } from '@/lib/datasets/match-score';
import { incidentKey } from '@/lib/intake/event-key';
import { box } from './report-candidates';

const SCAN_LIMIT = 500;

/** A stored incident as the matcher reads it, with its merged datasets. */
export type MatchCandidate = MatchableRow & { sourceId: string; mergedDatasets: number };

const COLUMNS = `id, source, source_id AS "sourceId", merged_datasets AS "mergedDatasets", occurred_day AS "occurredDay", time_precision AS "timePrecision",
  acled_extra AS "acledExtra", admin2, location, lat, lon, geo_precision AS "geoPrecision", event_type AS "eventType",
  sub_event_type AS "subEventType", group_id AS "groupId", actor1, actor2, killed`;

const NEARBY_SQL = `SELECT ${COLUMNS} FROM incidents
  WHERE occurred_day BETWEEN ? AND ?
    AND ((? IS NOT NULL AND admin2 = ? COLLATE NOCASE) OR (lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?))
  ORDER BY occurred_day DESC, id DESC
  LIMIT ${SCAN_LIMIT}`;

const pgColumns = {
  id: incidents.id,
  source: incidents.source,
  sourceId: incidents.sourceId,
  mergedDatasets: incidents.mergedDatasets,
  occurredDay: incidents.occurredDay,
  timePrecision: incidents.timePrecision,
  acledExtra: incidents.acledExtra,
  admin2: incidents.admin2,
  location: incidents.location,
  lat: incidents.lat,
  lon: incidents.lon,
  geoPrecision: incidents.geoPrecision,
  eventType: incidents.eventType,
  subEventType: incidents.subEventType,
  groupId: incidents.groupId,
  actor1: incidents.actor1,
  actor2: incidents.actor2,
  killed: incidents.killed,
};

/** The incidents `ids` as the matcher reads them. */
export async function matchRows(store: Store, ids: readonly number[]): Promise<MatchCandidate[]> {
  const out: MatchCandidate[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    out.push(...((await builder(store).select(pgColumns).from(incidents).where(inArray(incidents.id, chunk))) as MatchCandidate[]));
  }
  return out;
}

/** Incidents whose date range may come within the window of [first, last] and whose place is near `row`'s. */
export async function nearbyForMatch(store: Store, row: MatchableRow, [first, last]: [number, number]): Promise<MatchCandidate[]> {
  const from = first - MATCH_WINDOW_DAYS - MAX_MATCH_RANGE_DAYS;
  const to = last + MATCH_WINDOW_DAYS;
  const key = incidentKey({ ...row, admin1: null, group: row.groupId });
  const [south, north, west, east] = box(key);
  const admin2 = key.admin2;
  if (admin2 === null && south > north) return [];
  if (engineOf(store) === 'sqlite')
    return cachedStatement(sqlOf(store), NEARBY_SQL).all(from, to, admin2, admin2, south, north, west, east) as MatchCandidate[];
  const place = or(
    admin2 === null ? undefined : sql`lower(${incidents.admin2}) = lower(${admin2})`,
    and(between(incidents.lat, south, north), between(incidents.lon, west, east)),
  );
  return await builder(store)
    .select(pgColumns)
    .from(incidents)
    .where(and(between(incidents.occurredDay, from, to), place))
    .orderBy(desc(incidents.occurredDay), desc(incidents.id))
    .limit(SCAN_LIMIT);
}
