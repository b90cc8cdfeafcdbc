import { z } from 'zod';
import { CLAIM_STATUSES, TARGET_CATEGORIES, VERIFICATION_STATUSES } from './record';
import { isIsoDate, parseInstant } from '@/lib/time/zone';
import { canonicalEventType, canonicalSubEventType } from '@/lib/taxonomy/event-types';
import { toAlpha2 } from '@/lib/taxonomy/countries';

/**
 * Upper bounds of an incident input's fields: characters of text, numbers of sources and of
 * casualties. The import's direct path for valid ACLED rows (lib/acled/normalize-cells.ts) checks
 * the same bounds without the schema, so both read them here.
 */
export const INPUT_LIMITS = {
  source: 64,
  sourceId: 128,
  occurredAt: 40,
  country: 60,
  admin: 100,
  location: 200,
  eventType: 60,
  subEventType: 80,
  group: 200,
  actor: 200,
  assocActors: 500,
  sourceChars: 2000,
  sources: 50,
  sourceScale: 60,
  notes: 10_000,
  count: 100_000,
} as const;
const L = INPUT_LIMITS;

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const optText = (max: number) =>
  text(max)
    .nullish()
    .transform((v) => (v ? v : null));
const count = z
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be ≥ 0')
  .max(L.count, `must be ≤ ${L.count}`)
  .nullish()
  .transform((v) => v ?? null);
const split = z.object({ security: count, civilians: count, militants: count }).strict().partial().optional();

/**
 * A native incident as clients send it (POST /api/incidents, native CSV rows after column
 * mapping). Strict: unknown fields are errors, every string is bounded.
 */
export const incidentInputSchema = z
  .object({
    source: text(L.source).min(1).default('api'),
    sourceId: text(L.sourceId).min(1).optional(),
    occurredAt: z
      .string()
      .max(L.occurredAt)
      .refine((s) => isIsoDate(s) || parseInstant(s) !== null, {
        message: 'must be an ISO date (YYYY-MM-DD) or an ISO instant with offset (2024-12-15T20:30:00Z)',
      }),
    timePrecision: z.union([z.literal(1), z.literal(2), z.literal(3)], { message: 'must be 1 (day), 2 (week) or 3 (month)' }).default(1),
    country: text(L.country).refine((c) => toAlpha2(c) !== null, { message: 'must be an ISO 3166 country code or name' }),
    admin1: optText(L.admin),
    admin2: optText(L.admin),
    admin3: optText(L.admin),
    location: optText(L.location),
    lat: z.number({ message: 'must be a number' }).min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90'),
    lon: z.number({ message: 'must be a number' }).min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180'),
    geoPrecision: z.union([z.literal(1), z.literal(2), z.literal(3)], { message: 'must be 1, 2 or 3' }).default(1),
    eventType: text(L.eventType).refine((t) => canonicalEventType(t) !== null, {
      message: 'must be an ACLED event type (e.g. "Explosions/Remote violence")',
    }),
    subEventType: text(L.subEventType).refine((t) => canonicalSubEventType(t) !== null, {
      message: 'must be an ACLED sub-event type (e.g. "Suicide bomb")',
    }),
    group: text(L.group).min(1, 'must name the perpetrating group (slug, abbreviation or ACLED actor name)'),
    actor1: optText(L.actor),
    assocActors: optText(L.assocActors),
    actor2: optText(L.actor),
    claimStatus: z.enum(CLAIM_STATUSES).default('unclaimed'),
    target: z.enum(TARGET_CATEGORIES).default('other'),
    killed: count,
    injured: count,
    killedBy: split,
    injuredBy: split,
    crossBorder: z.boolean().default(false),
    sources: z.array(text(L.sourceChars).min(1)).max(L.sources, `at most ${L.sources} sources`).default([]),
    sourceScale: optText(L.sourceScale),
    verification: z.enum(VERIFICATION_STATUSES).default('reported'),
    notes: optText(L.notes),
  })
  .strict()
  .superRefine((v, ctx) => {
    const sub = canonicalSubEventType(v.subEventType);
    const ev = canonicalEventType(v.eventType);
    if (sub && ev && sub.eventType !== ev) {
      ctx.addIssue({ code: 'custom', path: ['subEventType'], message: `"${sub.subEventType}" belongs to "${sub.eventType}", not "${ev}"` });
    }
    for (const [key, total] of [
      ['killedBy', v.killed],
      ['injuredBy', v.injured],
    ] as const) {
      const parts = v[key];
      if (!parts) continue;
      const sum = (parts.security ?? 0) + (parts.civilians ?? 0) + (parts.militants ?? 0);
      if (total !== null && sum > total)
        ctx.addIssue({ code: 'custom', path: [key], message: `split adds up to ${sum}, more than the total ${total}` });
    }
  });

export type IncidentInput = z.output<typeof incidentInputSchema>;
