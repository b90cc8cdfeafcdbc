import { CLAIM_STATUSES, TARGET_CATEGORIES, VERIFICATION_STATUSES } from './record';
import { canonicalEventType, canonicalSubEventType } from '@/lib/taxonomy/event-types';
import { toAlpha2 } from '@/lib/taxonomy/countries';
import { isIsoDate } from '@/lib/time/zone';
import type { IncidentInput } from './input';

/**
 * A hand-checked fast path for incidentInputSchema (lib/incidents/input.ts), for bulk imports
 * where a zod object parse per row costs more than everything else together. It returns exactly
 * what the schema would return, or null whenever it is not certain the input is valid: callers
 * then run the schema, so every error message still comes from zod. Kept honest by a property
 * test that compares it with the schema on arbitrary inputs.
 */
const KEYS = new Set([
  'source',
  'sourceId',
  'occurredAt',
  'timePrecision',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'lat',
  'lon',
  'geoPrecision',
  'eventType',
  'subEventType',
  'group',
  'actor1',
  'assocActors',
  'actor2',
  'claimStatus',
  'target',
  'killed',
  'injured',
  'killedBy',
  'injuredBy',
  'crossBorder',
  'sources',
  'sourceScale',
  'verification',
  'notes',
]);
const CLAIMS = new Set<unknown>(CLAIM_STATUSES);
const TARGETS = new Set<unknown>(TARGET_CATEGORIES);
const VERIFICATIONS = new Set<unknown>(VERIFICATION_STATUSES);

/** Marks a value the fast path cannot vouch for. */
const NO: unique symbol = Symbol('defer to the schema');

function text(v: unknown, max: number, min = 0): string | typeof NO {
  if (typeof v !== 'string') return NO;
  const t = v.trim();
  return t.length > max || t.length < min ? NO : t;
}
function optText(v: unknown, max: number): string | null | typeof NO {
  if (v === undefined || v === null) return null;
  const t = text(v, max);
  return t === '' ? null : t;
}
function precision(v: unknown): 1 | 2 | 3 | typeof NO {
  if (v === undefined) return 1;
  return v === 1 || v === 2 || v === 3 ? v : NO;
}
function count(v: unknown): number | null | typeof NO {
  if (v === undefined || v === null) return null;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100_000 ? v : NO;
}
function coordinate(v: unknown, limit: number): number | typeof NO {
  return typeof v === 'number' && Number.isFinite(v) && v >= -limit && v <= limit ? v : NO;
}
function oneOf<T>(v: unknown, allowed: Set<unknown>, fallback: T): T | typeof NO {
  if (v === undefined) return fallback;
  return allowed.has(v) ? (v as T) : NO;
}
function sourceList(v: unknown): string[] | typeof NO {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > 50) return NO;
  const out: string[] = [];
  for (const s of v) {
    const t = text(s, 2000, 1);
    if (t === NO) return NO;
    out.push(t);
  }
  return out;
}

export function quickIncidentInput(input: Record<string, unknown>): IncidentInput | null {
  for (const k in input) if (!KEYS.has(k)) return null;
  if (input.killedBy !== undefined || input.injuredBy !== undefined) return null;
  const occurredAt = input.occurredAt;
  if (typeof occurredAt !== 'string' || occurredAt.length > 40 || !isIsoDate(occurredAt)) return null;
  const out: { [K in keyof IncidentInput]: IncidentInput[K] | typeof NO } = {
    source: input.source === undefined ? 'api' : text(input.source, 64, 1),
    sourceId: text(input.sourceId, 128, 1),
    occurredAt,
    timePrecision: precision(input.timePrecision),
    country: text(input.country, 60),
    admin1: optText(input.admin1, 100),
    admin2: optText(input.admin2, 100),
    admin3: optText(input.admin3, 100),
    location: optText(input.location, 200),
    lat: coordinate(input.lat, 90),
    lon: coordinate(input.lon, 180),
    geoPrecision: precision(input.geoPrecision),
    eventType: text(input.eventType, 60),
    subEventType: text(input.subEventType, 80),
    group: text(input.group, 200, 1),
    actor1: optText(input.actor1, 200),
    assocActors: optText(input.assocActors, 500),
    actor2: optText(input.actor2, 200),
    claimStatus: oneOf(input.claimStatus, CLAIMS, 'unclaimed' as const),
    target: oneOf(input.target, TARGETS, 'other' as const),
    killed: count(input.killed),
    injured: count(input.injured),
    crossBorder: input.crossBorder === undefined ? false : typeof input.crossBorder === 'boolean' ? input.crossBorder : NO,
    sources: sourceList(input.sources),
    sourceScale: optText(input.sourceScale, 60),
    verification: oneOf(input.verification, VERIFICATIONS, 'reported' as const),
    notes: optText(input.notes, 10_000),
  };
  for (const k in out) if (out[k as keyof typeof out] === NO) return null;
  const valid = out as IncidentInput;
  if (toAlpha2(valid.country) === null) return null;
  const ev = canonicalEventType(valid.eventType);
  const sub = canonicalSubEventType(valid.subEventType);
  if (!ev || !sub || sub.eventType !== ev) return null;
  return valid;
}
