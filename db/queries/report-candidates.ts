/**
 * The incidents a report may describe, read for lib/intake/candidates.ts to score: those of the
 * report's day ±1 (the incidents_day_idx range) that lie in its district or inside a box around
 * its point. Bounded twice: by the day range (a few hundred incidents a day at 1M rows) and by
 * CANDIDATE_SCAN_LIMIT, so a burst day cannot make the search slow.
 */
import { eq, inArray } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
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

/** Incidents near the event in time and place, as the scorer reads them. */
export function nearbyIncidents(store: Store, key: EventKey): CandidateIncident[] {
  if (key.day === null) return [];
  const [south, north, west, east] = box(key);
  if (key.admin2 === null && south > north) return [];
  const rows = cachedStatement(sqlOf(store), CANDIDATE_SQL).all(
    key.day - 1,
    key.day + 1,
    key.admin2,
    key.admin2,
    south,
    north,
    west,
    east,
  ) as Row[];
  return rows.map((r) => ({ id: r.id, source: r.source, key: incidentKey(r) }));
}

/** The scored candidates of one event, best first. */
export function findCandidates(store: Store, key: EventKey): ReportCandidate[] {
  return rankCandidates(key, nearbyIncidents(store, key));
}

/**
 * One report with its candidates as of now: incidents arrive after the report (an analyst accepts
 * another outlet's report, an ACLED import lands), so a report still `new` is searched again, for
 * its own event and its original's, merged with what was offered at ingest. Incidents deleted
 * since are dropped. A decided report keeps the list it was decided with. Reads only.
 */
export function getReportWithCandidates(store: Store, id: number): ReportItem | null {
  const db = sqlOf(store);
  const row = db.select().from(reports).where(eq(reports.id, id)).get();
  if (!row) return null;
  const item = toReportItem(row);
  if (item.status !== 'new' || !item.isIncident) return item;
  const lists = [findCandidates(store, draftKey(item.draft))];
  if (item.duplicateOf !== null) {
    const original = db.select({ draft: reports.draft }).from(reports).where(eq(reports.id, item.duplicateOf)).get();
    if (original) lists.push(findCandidates(store, draftKey(JSON.parse(original.draft) as ReportDraft)));
  }
  lists.push(item.candidates);
  const ids = [...new Set(lists.flat().map((c) => c.incidentId))];
  const alive = new Set(
    ids.length
      ? db
          .select({ id: incidents.id })
          .from(incidents)
          .where(inArray(incidents.id, ids))
          .all()
          .map((r) => r.id)
      : [],
  );
  const live = (list: ReportCandidate[]) => list.filter((c) => alive.has(c.incidentId));
  return { ...item, candidates: mergeCandidates(lists.map(live)) };
}
