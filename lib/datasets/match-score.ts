/**
 * Whether two incidents of different datasets may be one event, and how alike they are (issue 22,
 * "One event, several datasets"): their date ranges within a day of each other (dayRange), their
 * points within 30 km (the intake candidates' radius) or, when a point is only a province's
 * centre, the same district, and compatible types. The score (0–1) orders the proposals; the
 * reasons are stored with each one for the analyst. Pure: db/services/dataset-matches.ts reads
 * the incidents and stores the proposals.
 */
import { haversineKm } from '@/lib/alerts/haversine';
import { CANDIDATE_RADIUS_KM } from '@/lib/intake/candidates';
import { groupRelation } from '@/lib/intake/event-key';
import { dayGap, dayRange, MAX_MATCH_RANGE_DAYS, type DatedIncident } from './day-range';
import type { TypeCompatibility } from './match-types';

/** Date ranges further apart than this are two events. */
export const MATCH_WINDOW_DAYS = 1;
export const MATCH_RADIUS_KM = CANDIDATE_RADIUS_KM;
/** Proposals kept per incoming incident, best first. */
export const MAX_MATCHES_PER_INCIDENT = 3;

export interface MatchableRow extends DatedIncident {
  id: number;
  lat: number;
  lon: number;
  geoPrecision: number;
  admin2: string | null;
  location: string | null;
  eventType: string;
  subEventType: string;
  groupId: string;
  actor1: string | null;
  actor2: string | null;
  killed: number | null;
}

export interface MatchVerdict {
  score: number;
  dayGap: number;
  distanceKm: number;
  typeCompatibility: Exclude<TypeCompatibility, 'incompatible'>;
  actorSimilarity: number;
}

/**
 * The organised-violence types code one attack differently across datasets: UCDP has no
 * explosions (a bombing of a checkpoint is state-based "Battles", of a market one-sided violence
 * against civilians) and GTD's attack types map onto several ACLED sub-events. Those three are
 * related; protests, riots and strategic developments match only their own type.
 */
const VIOLENT = new Set(['Battles', 'Explosions/Remote violence', 'Violence against civilians']);

export function typeCompatibility(a: Pick<MatchableRow, 'eventType' | 'subEventType'>, b: typeof a): TypeCompatibility {
  if (a.subEventType === b.subEventType) return 'same-sub-event';
  if (a.eventType === b.eventType) return 'same-event';
  return VIOLENT.has(a.eventType) && VIOLENT.has(b.eventType) ? 'related' : 'incompatible';
}

/** Words that say nothing about who an actor is. */
const FILLER = new Set(['of', 'the', 'and', 'in', 'group', 'forces', 'unidentified', 'armed', 'pakistan', 'afghanistan', 'tajikistan']);

/** An actor name's words: ACLED's "TTP: Tehrik-i-Taliban Pakistan", UCDP's "TTP", dates in brackets dropped. */
export function actorWords(name: string | null): Set<string> {
  if (!name) return new Set();
  const plain = name
    .toLowerCase()
    .replace(/\([^)]*\d{4}[^)]*\)/g, ' ')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
  return new Set(plain.split(/[^a-z0-9]+/).filter((w) => w.length > 1 && !FILLER.has(w)));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / (a.size + b.size - common);
}

/**
 * 0–1: the same perpetrator group (after each dataset's alias matching) is 1, groups of one family
 * 0.7; otherwise the best word overlap between the two incidents' actor names.
 */
export function actorSimilarity(a: MatchableRow, b: MatchableRow): number {
  const rel = groupRelation(a.groupId, b.groupId);
  if (rel === 'same') return 1;
  const names = (r: MatchableRow) => [actorWords(r.actor1), actorWords(r.actor2)];
  let best = rel === 'family' ? 0.7 : 0;
  for (const x of names(a)) for (const y of names(b)) best = Math.max(best, jaccard(x, y));
  return Math.round(best * 100) / 100;
}

const fold = (s: string | null) => s?.trim().toLowerCase() || null;

function placeScore(km: number, precise: boolean, sameDistrict: boolean, sameTown: boolean): number | null {
  if (precise && km <= MATCH_RADIUS_KM) return (km <= 3 ? 0.3 : km <= 10 ? 0.22 : 0.14) + (sameTown ? 0.02 : 0);
  // A province's centre (geo precision 3) says nothing about distance: the district must agree.
  if (!precise && sameDistrict) return 0.12;
  return null;
}

/** The verdict on two incidents, or null when they cannot be one event. Symmetric. */
export function compareDatasetRows(a: MatchableRow, b: MatchableRow): MatchVerdict | null {
  const ra = dayRange(a);
  const rb = dayRange(b);
  if (ra[1] - ra[0] > MAX_MATCH_RANGE_DAYS || rb[1] - rb[0] > MAX_MATCH_RANGE_DAYS) return null;
  const gap = dayGap(ra, rb);
  if (gap > MATCH_WINDOW_DAYS) return null;
  const type = typeCompatibility(a, b);
  if (type === 'incompatible') return null;
  const km = haversineKm(a.lat, a.lon, b.lat, b.lon);
  const precise = a.geoPrecision <= 2 && b.geoPrecision <= 2;
  const sameDistrict = fold(a.admin2) !== null && fold(a.admin2) === fold(b.admin2);
  const sameTown = fold(a.location) !== null && fold(a.location) === fold(b.location);
  const place = placeScore(km, precise, sameDistrict, sameTown);
  if (place === null) return null;
  const exactDays = ra[0] === ra[1] && rb[0] === rb[1];
  let score = gap === 0 ? (exactDays ? 0.3 : 0.22) : 0.12;
  score += place;
  score += { 'same-sub-event': 0.2, 'same-event': 0.13, related: 0.06 }[type];
  const actors = actorSimilarity(a, b);
  score += 0.13 * actors;
  if (a.killed !== null && b.killed !== null) score += a.killed === b.killed ? 0.05 : Math.abs(a.killed - b.killed) <= 2 ? 0.03 : 0;
  return {
    score: Math.round(Math.min(1, score) * 100) / 100,
    dayGap: gap,
    distanceKm: Math.round(km * 10) / 10,
    typeCompatibility: type,
    actorSimilarity: actors,
  };
}
