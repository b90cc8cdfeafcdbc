import { z } from 'zod';
import {
  ACLED_DEFAULT_COUNTRIES,
  ACLED_DEFAULT_POLL_MINUTES,
  ACLED_DEFAULT_SINCE,
  ACLED_DEFAULT_URL,
  acledFields,
} from './acled-source-input';

/**
 * The body of POST /api/sources and PATCH /api/sources/{id}: a feed (`kind: "rss"`, the default) or
 * an ACLED API account (`kind: "acled"`, lib/validation/acled-source-input.ts), every field bounded. The URL must be http(s) and carry no user name or password: the fetcher sends no
 * credentials from a URL (and a source's URL is shown to every viewer), so a secret in it could
 * only leak.
 */

export const POLL_MINUTES_MIN = 1;
export const POLL_MINUTES_MAX = 1440;

const sourceUrl = z
  .string({ message: 'url is required' })
  .trim()
  .min(1, 'url is required')
  .max(2000, 'url must be at most 2000 characters')
  .superRefine((raw, ctx) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'url must be an absolute http or https URL' });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `url must use http or https, not ${url.protocol.replace(/:$/, '')}` });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'url must not contain a user name or password' });
    }
  });

const keyword = z.string().trim().min(1, 'keywords must not be empty').max(100, 'each keyword must be at most 100 characters');

const sourceFields = {
  name: z.string({ message: 'name is required' }).trim().min(1, 'name is required').max(200, 'name must be at most 200 characters'),
  kind: z.literal('rss', { message: 'kind must be "rss"' }),
  url: sourceUrl,
  pollMinutes: z
    .number({ message: 'pollMinutes must be a number' })
    .int('pollMinutes must be a whole number')
    .min(POLL_MINUTES_MIN, `pollMinutes must be at least ${POLL_MINUTES_MIN}`)
    .max(POLL_MINUTES_MAX, `pollMinutes must be at most ${POLL_MINUTES_MAX} (a day)`),
  enabled: z.boolean({ message: 'enabled must be true or false' }),
  keywords: z.array(keyword, { message: 'keywords must be an array of strings' }).max(50, 'at most 50 keywords'),
};

const rssCreate = z
  .object({
    name: sourceFields.name,
    kind: sourceFields.kind,
    url: sourceFields.url,
    pollMinutes: sourceFields.pollMinutes.default(10),
    enabled: sourceFields.enabled.default(true),
    keywords: sourceFields.keywords.default([]),
  })
  .strict()
  .meta({ description: 'A feed to poll. Only admins add sources; private addresses are allowed (internal feeds).' });

const acledCreate = z
  .object({
    name: sourceFields.name,
    kind: z.literal('acled'),
    url: sourceFields.url.default(ACLED_DEFAULT_URL),
    email: acledFields.email,
    password: acledFields.password,
    countries: acledFields.countries.default([...ACLED_DEFAULT_COUNTRIES]),
    since: acledFields.since.default(ACLED_DEFAULT_SINCE),
    pollMinutes: sourceFields.pollMinutes.default(ACLED_DEFAULT_POLL_MINUTES),
    enabled: sourceFields.enabled.default(true),
  })
  .strict()
  .meta({
    description:
      'An ACLED API account to sync (OAuth password grant). `password` is write-only: sealed with SECRETS_KEY (refused when it is unset), never returned.',
  });

/** A body without `kind` is a feed, as before ACLED sources existed. */
const withKind = (body: unknown) =>
  body && typeof body === 'object' && !Array.isArray(body) && !('kind' in body) ? { ...body, kind: 'rss' } : body;

export const sourceCreateSchema = z.preprocess(
  withKind,
  z.discriminatedUnion('kind', [rssCreate, acledCreate], { error: 'kind must be "rss" or "acled"' }),
);

export const sourcePatchSchema = z
  .object({
    ...sourceFields,
    kind: z.enum(['rss', 'acled'], { message: 'kind must be "rss" or "acled"' }),
    ...acledFields,
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'give at least one field to change' })
  .meta({
    description:
      'Only the fields to change. The kind cannot change; keywords are for feeds, email, password, countries and since for ACLED.',
  });

export type SourceCreate = z.output<typeof sourceCreateSchema>;
export type SourcePatch = z.output<typeof sourcePatchSchema>;

/**
 * The admin page's form (all strings) in the JSON body's shape, then the same schema: keywords one
 * per line or comma-separated, the checkbox present when ticked.
 */
export function sourceFromForm(fields: Record<string, string>): unknown {
  const keywords = (fields.keywords ?? '')
    .split(/[\n,]/)
    .map((k) => k.trim())
    .filter(Boolean);
  const minutes = fields.pollMinutes?.trim();
  return {
    name: fields.name,
    url: fields.url,
    ...(minutes ? { pollMinutes: Number(minutes) } : {}),
    enabled: fields.enabled === 'on' || fields.enabled === 'true',
    keywords,
  };
}

/** Which source a row's button acts on. */
export const sourceIdForm = z.object({ id: z.coerce.number({ message: 'id must be a number' }).int().positive() }).loose();
