/**
 * Which stored incidents a report may describe (issue 18, "Candidates"): incidents within ±1 day
 * and 30 km (or in the same district) whose type or perpetrator is compatible, scored 0–1 with
 * the reasons an analyst reads beside each ("same district", "4 km away", "killed 5 vs 5", "ACLED").
 * Pure: db/queries/report-candidates.ts fetches the few incidents near in time and place.
 */
import { haversineKm } from '@/lib/alerts/haversine';
import { groupRelation, typeRelation, type EventKey } from './event-key';
import type { ReportCandidate } from './report-types';

/** Farther than this (and not in the same district) is another event. */
export const CANDIDATE_RADIUS_KM = 30;
/** Below this an incident is not offered: a day and a district alone do not make the same event. */
export const MIN_CANDIDATE_SCORE = 0.45;
export const MAX_CANDIDATES = 5;
/** An ACLED row within this much of the best score is put first: it is the reference coding. */
const ACLED_LEAD = 0.15;

export interface EventComparison {
  /** False when the two cannot be one event (days apart, far apart, or both type and group differ). */
  compatible: boolean;
  score: number;
  reasons: string[];
  /** km between the points when both are towns or districts (a province's centre says nothing). */
  km: number | null;
  sameTown: boolean;
  sameDistrict: boolean;
}

const INCOMPATIBLE: EventComparison = { compatible: false, score: 0, reasons: [], km: null, sameTown: false, sameDistrict: false };

function distanceKm(a: EventKey, b: EventKey): number | null {
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return null;
  if ((a.geoPrecision ?? 1) > 2 || (b.geoPrecision ?? 1) > 2) return null;
  return haversineKm(a.lat, a.lon, b.lat, b.lon);
}

function placeScore(km: number | null, sameTown: boolean, sameDistrict: boolean, reasons: string[]): number {
  if (sameTown) reasons.push('same town');
  else if (sameDistrict) reasons.push('same district');
  if (km !== null && !sameTown) reasons.push(`${Math.round(km)} km away`);
  const byDistance = km === null ? 0 : km <= 3 ? 0.28 : km <= 10 ? 0.22 : km <= CANDIDATE_RADIUS_KM ? 0.14 : 0;
  return sameTown ? 0.3 : Math.max(byDistance, sameDistrict ? 0.18 : 0);
}

function killedScore(a: number | null, b: number | null, reasons: string[]): number {
  if (a === null || b === null) return 0.03;
  reasons.push(`killed ${a} vs ${b}`);
  if (a === b) return 0.1;
  return Math.abs(a - b) <= Math.max(2, 0.3 * Math.max(a, b)) ? 0.06 : 0;
}

/** Compares two events by the same rules whichever side is a report or an incident. */
export function compareEvents(a: EventKey, b: EventKey): EventComparison {
  if (a.day === null || b.day === null) return INCOMPATIBLE;
  const days = Math.abs(a.day - b.day);
  if (days > 1) return INCOMPATIBLE;
  const km = distanceKm(a, b);
  const sameTown = a.location !== null && a.location === b.location;
  const sameDistrict = a.admin2 !== null && a.admin2 === b.admin2;
  if (!sameTown && !sameDistrict && (km === null || km > CANDIDATE_RADIUS_KM)) return INCOMPATIBLE;
  const type = typeRelation(a, b);
  const group = groupRelation(a.group, b.group);
  if (type === 'different' && group === 'different') return INCOMPATIBLE;

  const reasons: string[] = [days === 0 ? 'same day' : '1 day apart'];
  let score = days === 0 ? 0.25 : 0.12;
  score += placeScore(km, sameTown, sameDistrict, reasons);
  score += { same: 0.2, family: 0.1, unnamed: 0.05, different: 0 }[type];
  if (type === 'same') reasons.push(`same type (${a.subEventType})`);
  else if (type === 'family') reasons.push(`same event type (${a.eventType})`);
  else if (type === 'different') reasons.push(`type differs (${a.subEventType} vs ${b.subEventType})`);
  score += { same: 0.15, family: 0.1, unnamed: 0.04, different: 0 }[group];
  if (group === 'same') reasons.push('same group');
  else if (group === 'family') reasons.push(`related groups (${a.group}, ${b.group})`);
  else if (group === 'different') reasons.push(`group differs (${a.group} vs ${b.group})`);
  score += killedScore(a.killed, b.killed, reasons);
  return { compatible: true, score: Math.min(1, score), reasons, km, sameTown, sameDistrict };
}

/** An incident as the candidate search reads it. */
export interface CandidateIncident {
  id: number;
  source: string;
  key: EventKey;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const isAcled = (c: ReportCandidate) => c.reasons.includes('ACLED');

/** Moves an ACLED row within ACLED_LEAD of the best score to the front (the list is sorted by score). */
function acledFirst(list: ReportCandidate[]): ReportCandidate[] {
  const best = list[0]?.score ?? 0;
  const lead = list.findIndex((c) => isAcled(c) && best - c.score <= ACLED_LEAD);
  return lead > 0 ? [list[lead], ...list.slice(0, lead), ...list.slice(lead + 1)] : list;
}

/**
 * The incidents the report may describe, best first, at most MAX_CANDIDATES. Ties and near-ties
 * go to an imported ACLED row, then to the nearer incident, then to the older id (stable order).
 */
export function rankCandidates(report: EventKey, incidents: readonly CandidateIncident[]): ReportCandidate[] {
  const scored: { c: ReportCandidate; km: number }[] = [];
  for (const inc of incidents) {
    const cmp = compareEvents(report, inc.key);
    if (!cmp.compatible || cmp.score < MIN_CANDIDATE_SCORE) continue;
    const reasons = inc.source === 'acled' ? [...cmp.reasons, 'ACLED'] : cmp.reasons;
    scored.push({ c: { incidentId: inc.id, score: round2(cmp.score), reasons }, km: cmp.km ?? Infinity });
  }
  scored.sort(
    (x, y) => y.c.score - x.c.score || Number(isAcled(y.c)) - Number(isAcled(x.c)) || x.km - y.km || x.c.incidentId - y.c.incidentId,
  );
  return acledFirst(scored.map((s) => s.c)).slice(0, MAX_CANDIDATES);
}

/**
 * One list for reports of one story: each incident at its best score across the reports, so the
 * original and its duplicates are offered the same candidates.
 */
export function mergeCandidates(lists: readonly ReportCandidate[][]): ReportCandidate[] {
  const best = new Map<number, ReportCandidate>();
  for (const list of lists) {
    for (const c of list) {
      const seen = best.get(c.incidentId);
      if (!seen || c.score > seen.score) best.set(c.incidentId, c);
    }
  }
  const merged = [...best.values()].sort(
    (a, b) => b.score - a.score || Number(isAcled(b)) - Number(isAcled(a)) || a.incidentId - b.incidentId,
  );
  return acledFirst(merged).slice(0, MAX_CANDIDATES);
}
