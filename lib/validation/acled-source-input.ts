import { z } from 'zod';

/**
 * The ACLED-only fields of a source (POST /api/sources with `kind: "acled"`, and PATCH). The
 * password is write-only: accepted here, sealed by the service, never returned. `since` is a real
 * calendar date; countries are ACLED's country names (one request per country).
 */

export const ACLED_DEFAULT_URL = 'https://acleddata.com';
export const ACLED_DEFAULT_COUNTRIES = ['Pakistan', 'Afghanistan', 'Tajikistan'] as const;
export const ACLED_DEFAULT_SINCE = '2017-01-01';
export const ACLED_DEFAULT_POLL_MINUTES = 360;

const isCalendarDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

export const acledFields = {
  email: z
    .string({ message: 'email is required' })
    .trim()
    .max(254, 'email must be at most 254 characters')
    .email('email must be an email address (the ACLED account)'),
  // Not trimmed: a password's spaces are part of it.
  password: z
    .string({ message: 'password must be a string' })
    .min(1, 'password must not be empty')
    .max(1000, 'password must be at most 1000 characters'),
  countries: z
    .array(
      z
        .string({ message: 'each country must be a string' })
        .trim()
        .min(1, 'a country must not be empty')
        .max(100, 'each country must be at most 100 characters')
        .regex(/^[\p{L}][\p{L} .,'()-]*$/u, 'a country is an ACLED country name such as "Pakistan"'),
      { message: 'countries must be an array of country names' },
    )
    .min(1, 'give at least one country')
    .max(50, 'at most 50 countries')
    .refine((list) => new Set(list.map((c) => c.toLowerCase())).size === list.length, { message: 'countries must not repeat' }),
  since: z
    .string({ message: 'since must be a date' })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'since must be a date as YYYY-MM-DD')
    .refine(isCalendarDate, { message: 'since is not a calendar date' })
    .refine((s) => s >= '1997-01-01', { message: 'since must be 1997-01-01 or later (ACLED starts in 1997)' }),
};

/** Countries typed one per line or comma-separated. */
const countryList = (text: string | undefined) =>
  (text ?? '')
    .split(/[\n,]/)
    .map((c) => c.trim())
    .filter(Boolean);

/**
 * The admin page's ACLED forms (all strings) in the JSON body's shape, then the same schemas: an
 * empty password on the edit form means "keep the stored one" and is left out.
 */
export function acledFromForm(fields: Record<string, string>, edit = false): Record<string, unknown> {
  const minutes = fields.pollMinutes?.trim();
  const out: Record<string, unknown> = {
    ...(edit ? {} : { kind: 'acled', name: fields.name, enabled: fields.enabled === 'on' || fields.enabled === 'true' }),
    ...(fields.url?.trim() ? { url: fields.url } : {}),
    ...(fields.email !== undefined ? { email: fields.email } : {}),
    ...(fields.password ? { password: fields.password } : {}),
    ...(fields.countries !== undefined ? { countries: countryList(fields.countries) } : {}),
    ...(fields.since?.trim() ? { since: fields.since } : {}),
    ...(minutes ? { pollMinutes: Number(minutes) } : {}),
  };
  return out;
}
