/**
 * The few facts that identify a violent event — day, place, type, perpetrator, toll — in one shape
 * for a report's draft and for a stored incident, so candidates (report ↔ incident) and near
 * duplicates (report ↔ report) compare them by the same rules.
 */
import { KNOWN_GROUPS } from '@/lib/taxonomy/groups';
import { dayNumber } from '@/lib/time/zone';
import type { ReportDraft } from './report-types';

export interface EventKey {
  /** Days since 1970-01-01 of the occurrence (reporting zone), or null when unknown. */
  day: number | null;
  /** Place names folded to lowercase; `geoPrecision` 3 means the point is a province's centre. */
  admin1: string | null;
  admin2: string | null;
  location: string | null;
  lat: number | null;
  lon: number | null;
  geoPrecision: number | null;
  eventType: string | null;
  subEventType: string | null;
  /** A group slug; `unknown` and null both mean "not named". */
  group: string | null;
  killed: number | null;
}

const fold = (s: string | null | undefined) => (s ? s.trim().toLowerCase() : null) || null;

/** The event a report's draft describes. */
export function draftKey(d: ReportDraft): EventKey {
  let day: number | null = null;
  if (d.occurredAt) {
    try {
      day = dayNumber(d.occurredAt.slice(0, 10));
    } catch {
      day = null;
    }
  }
  return {
    day,
    admin1: fold(d.admin1),
    admin2: fold(d.admin2),
    location: fold(d.location),
    lat: d.lat,
    lon: d.lon,
    geoPrecision: d.geoPrecision,
    eventType: d.eventType,
    subEventType: d.subEventType,
    group: d.group,
    killed: d.killed,
  };
}

/** A stored incident's columns as an event key (`occurredDay` is already the zone's day). */
export function incidentKey(i: {
  occurredDay: number;
  admin1: string | null;
  admin2: string | null;
  location: string | null;
  lat: number;
  lon: number;
  geoPrecision: number;
  eventType: string;
  subEventType: string;
  group: string;
  killed: number | null;
}): EventKey {
  return {
    day: i.occurredDay,
    admin1: fold(i.admin1),
    admin2: fold(i.admin2),
    location: fold(i.location),
    lat: i.lat,
    lon: i.lon,
    geoPrecision: i.geoPrecision,
    eventType: i.eventType,
    subEventType: i.subEventType,
    group: i.group,
    killed: i.killed,
  };
}

/** Which family a group belongs to: its parent, else its affiliation ("Baloch separatist"), else itself. */
const FAMILY = new Map(KNOWN_GROUPS.map((g) => [g.id, g.parentId ?? g.affiliation ?? g.id]));

export type GroupRelation = 'same' | 'family' | 'unnamed' | 'different';

/**
 * Two reports of one attack often name the perpetrator differently: the government's "Fitna
 * al-Hindustan" and the BLF's own claim are one family; a report that names nobody is no conflict.
 */
export function groupRelation(a: string | null, b: string | null): GroupRelation {
  if (!a || !b || a === 'unknown' || b === 'unknown') return 'unnamed';
  if (a === b) return 'same';
  const fa = FAMILY.get(a);
  return fa !== undefined && fa === FAMILY.get(b) ? 'family' : 'different';
}

export type TypeRelation = 'same' | 'family' | 'unnamed' | 'different';

export function typeRelation(a: EventKey, b: EventKey): TypeRelation {
  if (!a.subEventType || !b.subEventType) return 'unnamed';
  if (a.subEventType === b.subEventType) return 'same';
  return a.eventType && a.eventType === b.eventType ? 'family' : 'different';
}
