/**
 * The stored incidents an import's rows may duplicate, read for lib/datasets/match-score.ts: near
 * in days (wide enough for a month-long date range on either side) and inside the 30 km radius
 * of the intake candidates' search, read a chunk of rows at a time so a large import costs a
 * few reads rather than one per row.
 */
import { and, between, inArray, ne } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { incidents } from '@/db/schema';
import type { Store } from '@/db/store';
import { MAX_MATCH_RANGE_DAYS } from '@/lib/datasets/day-range';
import { MATCH_RADIUS_KM, MATCH_WINDOW_DAYS, type MatchableRow } from '@/lib/datasets/match-score';

/** A stored incident as the matcher reads it, with its merged datasets. */
export type MatchCandidate = MatchableRow & { sourceId: string; mergedDatasets: number };

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

/** Degrees of latitude that hold MATCH_RADIUS_KM, and of longitude up to 57° of latitude. */
const LAT_PAD = MATCH_RADIUS_KM / 111.32;
const LON_PAD = LAT_PAD / Math.cos((57 * Math.PI) / 180);

/**
 * The stored incidents that may match any of `batch` (rows of one import, sorted by day): one read
 * per chunk, over the chunk's days widened by the window and the longest range a stored incident
 * may have, inside the chunk's points' box widened by the radius (no box when a row's point is a
 * province's centre: the district decides there). The scorer then pairs rows and candidates in
 * memory. `exceptSource` leaves out the batch's own dataset where the chunk has one source.
 */
export async function candidatesForChunk(
  store: Store,
  batch: readonly (MatchableRow & { first: number; last: number })[],
  exceptSource: string | null,
): Promise<MatchCandidate[]> {
  const from = Math.min(...batch.map((r) => r.first)) - MATCH_WINDOW_DAYS - MAX_MATCH_RANGE_DAYS;
  const to = Math.max(...batch.map((r) => r.last)) + MATCH_WINDOW_DAYS;
  const coarse = batch.some((r) => r.geoPrecision > 2);
  const conds = [between(incidents.occurredDay, from, to)];
  if (!coarse) {
    conds.push(between(incidents.lat, Math.min(...batch.map((r) => r.lat)) - LAT_PAD, Math.max(...batch.map((r) => r.lat)) + LAT_PAD));
    conds.push(between(incidents.lon, Math.min(...batch.map((r) => r.lon)) - LON_PAD, Math.max(...batch.map((r) => r.lon)) + LON_PAD));
  }
  if (exceptSource !== null) conds.push(ne(incidents.source, exceptSource));
  return await builder(store)
    .select(pgColumns)
    .from(incidents)
    .where(and(...conds));
}
