import type { ReportDraft } from '@/lib/intake/report-types';
import type { IntakePlace } from '@/lib/intake/place-types';

/** Fields POST /api/incidents requires: an accepted draft needs each of them filled. */
export const REQUIRED_FIELDS = ['occurredAt', 'country', 'lat', 'lon', 'eventType', 'subEventType', 'group'] as const;
export type RequiredField = (typeof REQUIRED_FIELDS)[number];

export const REQUIRED_LABELS: Record<RequiredField, string> = {
  occurredAt: 'date',
  country: 'country',
  lat: 'latitude',
  lon: 'longitude',
  eventType: 'event type',
  subEventType: 'sub-event type',
  group: 'group',
};

/** The required fields the draft still leaves empty. */
export function missingRequired(d: ReportDraft): RequiredField[] {
  return REQUIRED_FIELDS.filter((f) => d[f] === null || d[f] === '');
}

/**
 * What the analyst changed: the accept route takes overrides of draft fields, so only the fields
 * that differ from the report's draft are sent (a cleared field is sent as null).
 */
export function draftOverrides(original: ReportDraft, edited: ReportDraft): Partial<ReportDraft> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(edited) as (keyof ReportDraft)[]) {
    if (JSON.stringify(edited[key]) !== JSON.stringify(original[key])) out[key] = edited[key];
  }
  return out;
}

const KIND_PRECISION: Record<IntakePlace['kind'], 1 | 2 | 3> = {
  town: 1,
  crossing: 1,
  valley: 1,
  tehsil: 2,
  district: 2,
  province: 3,
  country: 3,
};

/** How a gazetteer place reads in the picker: "Bannu (town) · Bannu, Khyber Pakhtunkhwa, PK". */
export function placeLabel(p: IntakePlace): string {
  const where = [p.admin2 !== p.name ? p.admin2 : null, p.admin1 !== p.name ? p.admin1 : null, p.country].filter(Boolean).join(', ');
  return `${p.name} (${p.kind}) · ${where}`;
}

/** The draft's place fields set from a gazetteer entry, precision from its kind. */
export function withPlace(d: ReportDraft, p: IntakePlace): ReportDraft {
  const precision = KIND_PRECISION[p.kind];
  return {
    ...d,
    country: p.country,
    admin1: p.kind === 'country' ? null : p.admin1,
    admin2: precision === 3 ? null : p.admin2,
    location: precision === 1 ? p.name : null,
    lat: p.lat,
    lon: p.lon,
    geoPrecision: precision,
  };
}

/** A number input's value as a count: blank → null, otherwise a whole number ≥ 0. */
export function parseCount(s: string): number | null {
  if (s.trim() === '') return null;
  const n = Math.floor(Number(s));
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** A coordinate input's value: blank or not a number → null. */
export function parseCoordinate(s: string): number | null {
  if (s.trim() === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}
