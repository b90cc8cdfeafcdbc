import { SITE_KIND_VALUES, siteCreateSchema } from '@/lib/alerts/api-schemas';
import type { Site } from '@/lib/alerts/types';
import { toIssues } from '@/lib/validation/zod-issues';

export type SiteKind = (typeof SITE_KIND_VALUES)[number];
export const SITE_KIND_LABELS: Record<SiteKind, string> = {
  'border-crossing': 'Border crossing',
  'cpec-project': 'CPEC project',
  'chinese-project': 'Chinese project',
  military: 'Military',
  other: 'Other',
};
export const kindLabel = (k: string) => SITE_KIND_LABELS[k as SiteKind] ?? k;

/** The form as typed: coordinates stay text until submitted, so "34,1" can be reported, not coerced. */
export interface SiteFormState {
  name: string;
  kind: SiteKind;
  lat: string;
  lon: string;
  notes: string;
}

export const emptySiteForm = (): SiteFormState => ({ name: '', kind: 'other', lat: '', lon: '', notes: '' });
export const siteFormFrom = (s: Site): SiteFormState => ({
  name: s.name,
  kind: (SITE_KIND_VALUES as readonly string[]).includes(s.kind) ? (s.kind as SiteKind) : 'other',
  lat: String(s.lat),
  lon: String(s.lon),
  notes: s.notes ?? '',
});

/** Decimal degrees as typed; blank or not a plain number stays a string, so the schema names the field. */
function degrees(text: string): number | string {
  const t = text.trim();
  return /^[-+]?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

export type FieldErrors = Partial<Record<keyof SiteFormState | 'form', string>>;

/**
 * The request body, checked in the browser with the API's own schema (the server checks again):
 * `{ body }` when valid, `{ errors }` keyed by field otherwise.
 */
export function siteBody(f: SiteFormState): { body: Record<string, unknown> } | { errors: FieldErrors } {
  const body = { name: f.name, kind: f.kind, lat: degrees(f.lat), lon: degrees(f.lon), notes: f.notes.trim() || null };
  const parsed = siteCreateSchema.safeParse(body);
  if (parsed.success) return { body };
  return { errors: fieldErrors(toIssues(parsed.error)) };
}

/** API or schema issues (`{ path, message }`) as one message per form field. */
export function fieldErrors(issues: readonly { path?: string; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const key = (['name', 'kind', 'lat', 'lon', 'notes'].includes(i.path ?? '') ? i.path : 'form') as keyof FieldErrors;
    out[key] ??= i.message;
  }
  return out;
}
