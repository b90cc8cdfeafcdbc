import { dayNumber, isIsoDate, parseInstant } from '@/lib/time/zone';
import type { ViewFilter } from './schema';

/** The fields of an incident a client-side match needs (a subset of IncidentItem). */
export interface MatchableIncident {
  occurredAt: string;
  occurredDate: string;
  group: string;
  region: string | null;
  eventType: string;
  subEventType: string;
  killed: number | null;
  lat: number;
  lon: number;
}

/**
 * Whether a live incident falls inside the filter, mirroring the SQL conditions; free text
 * cannot be checked without the index, so a `q` filter counts as a possible match.
 */
export function matchesFilter(item: MatchableIncident, f: ViewFilter): boolean {
  const at = Date.parse(item.occurredAt);
  const day = dayNumber(item.occurredDate);
  if (f.from && (isIsoDate(f.from) ? day < dayNumber(f.from) : at < parseInstant(f.from)!)) return false;
  if (f.to && (isIsoDate(f.to) ? day > dayNumber(f.to) : at > parseInstant(f.to)!)) return false;
  if (f.group?.length && !f.group.includes(item.group)) return false;
  if (f.region?.length && !f.region.includes(item.region ?? 'none')) return false;
  if (f.type?.length && !f.type.includes(item.eventType) && !f.type.includes(item.subEventType)) return false;
  if (f.minKilled && (item.killed ?? -1) < f.minKilled) return false;
  if (f.bbox && (item.lat < f.bbox.south || item.lat > f.bbox.north || item.lon < f.bbox.west || item.lon > f.bbox.east)) return false;
  return true;
}
