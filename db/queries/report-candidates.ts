/**
 * The incidents a report may describe, read for lib/intake/candidates.ts to score: those of the
 * report's day ±1 (the incidents_day_idx range) that lie in its district or inside a box around
 * its point. Bounded twice: by the day range (a few hundred incidents a day at 1M rows) and by
 * CANDIDATE_SCAN_LIMIT, so a burst day cannot make the search slow.
 */
import { and, between, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import { builder, engineOf } from '@/db/engine';
import { incidents, reports } from '@/db/schema';
import type { Store } from '@/db/store';
import { cachedStatement } from '@/db/statement-cache';
import { CANDIDATE_RADIUS_KM, mergeCandidates, rankCandidates, type CandidateIncident } from '@/lib/intake/candidates';
import { draftKey, incidentKey, type EventKey } from '@/lib/intake/event-key';
import type { ReportCandidate, ReportDraft, ReportItem } from '@/lib/intake/report-types';
import { toReportItem } from './reports';

/** More incidents than this on one day ±1 in one place are read no further (newest kept). */
const CANDIDATE_SCAN_LIMIT = 500;
const KM_PER_DEGREE_LAT = 111.32;

export const CANDIDATE_SQL = `SELECT id, source, occurred_day AS occurredDay, admin1, admin2, location, lat, lon,
    geo_precision AS geoPrecision, event_type AS eventType, sub_event_type AS subEventType,
    group_id AS "group", killed
  FROM incidents
  WHERE occurred_day BETWEEN ? AND ?
    AND ((? IS NOT NULL AND admin2 = ? COLLATE NOCASE) OR (lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?))
  ORDER BY occurred_day DESC, id DESC
  LIMIT ${CANDIDATE_SCAN_LIMIT}`;

type Row = Parameters<typeof incidentKey>[0] & { id: number; source: string };

/** The degrees box of CANDIDATE_RADIUS_KM around a point; an empty box when the point is unknown or a province's centre. */
function box(k: EventKey): [number, number, number, number] {
  if (k.lat === null || k.lon === null || (k.geoPrecision ?? 1) > 2) return [1, 0, 1, 0];
  const dLat = CANDIDATE_RADIUS_KM / KM_PER_DEGREE_LAT;
  const dLon = dLat / Math.max(0.1, Math.cos((k.lat * Math.PI) / 180));
  return [k.lat - dLat, k.lat + dLat, k.lon - dLon, k.lon + dLon];
}

/** CANDIDATE_SQL for PostgreSQL: NOCASE becomes lower() on both sides (district names are ASCII). */
async function candidateRowsPg(store: Store, day: number, admin2: string | null, [south, north, west, east]: number[]): Promise<Row[]> {
  const place = or(
    admin2 === null ? undefined : sql`lower(${incidents.admin2}) = lower(${admin2})`,
    and(between(incidents.lat, south, north), between(incidents.lon, west, east)),
  );
  return builder(store)
    .select({
      id: incidents.id,
      source: incidents.source,
      occurredDay: incidents.occurredDay,
      admin1: incidents.admin1,
      admin2: incidents.admin2,
      location: incidents.location,
      lat: incidents.lat,
      lon: incidents.lon,
      geoPrecision: incidents.geoPrecision,
      eventType: incidents.eventType,
      subEventType: incidents.subEventType,
      group: incidents.groupId,
      killed: incidents.killed,
    })
    .from(incidents)
    .where(and(between(incidents.occurredDay, day - 1, day + 1), place))
    .orderBy(desc(incidents.occurredDay), desc(incidents.id))
    .limit(CANDIDATE_SCAN_LIMIT);
}

/** Incidents near the event in time and place, as the scorer reads them (on SQLite a cached statement: every ingested item runs it). */
export async function nearbyIncidents(store: Store, key: EventKey): Promise<CandidateIncident[]> {
  if (key.day === null) return [];
  const [south, north, west, east] = box(key);
  if (key.admin2 === null && south > north) return [];
  const rows =
    engineOf(store) === 'sqlite'
      ? (cachedStatement(sqlOf(store), CANDIDATE_SQL).all(
          key.day - 1,
          key.day + 1,
          key.admin2,
          key.admin2,
          south,
          north,
          west,
          east,
        ) as Row[])
      : await candidateRowsPg(store, key.day, key.admin2, [south, north, west, east]);
  return rows.map((r) => ({ id: r.id, source: r.source, key: incidentKey(r) }));
}

/** The scored candidates of one event, best first. */
export async function findCandidates(store: Store, key: EventKey): Promise<ReportCandidate[]> {
  return rankCandidates(key, await nearbyIncidents(store, key));
}

/**
 * One report with its candidates as of now: incidents arrive after the report (an analyst accepts
 * another outlet's report, an ACLED import lands), so a report still `new` is searched again, for
 * its own event and its original's, merged with what was offered at ingest. Incidents deleted
 * since are dropped. A decided report keeps the list it was decided with. Reads only.
 */
export async function getReportWithCandidates(store: Store, id: number): Promise<ReportItem | null> {
  const db = builder(store);
  const [row] = await db.select().from(reports).where(eq(reports.id, id));
  if (!row) return null;
  const item = toReportItem(row);
  if (item.status !== 'new' || !item.isIncident) return item;
  const lists = [await findCandidates(store, draftKey(item.draft))];
  if (item.duplicateOf !== null) {
    const [original] = await db.select({ draft: reports.draft }).from(reports).where(eq(reports.id, item.duplicateOf));
    if (original) lists.push(await findCandidates(store, draftKey(JSON.parse(original.draft) as ReportDraft)));
  }
  lists.push(item.candidates);
  const ids = [...new Set(lists.flat().map((c) => c.incidentId))];
  const alive = new Set(
    ids.length ? (await db.select({ id: incidents.id }).from(incidents).where(inArray(incidents.id, ids))).map((r) => r.id) : [],
  );
  const live = (list: ReportCandidate[]) => list.filter((c) => alive.has(c.incidentId));
  return { ...item, candidates: mergeCandidates(lists.map(live)) };
}
