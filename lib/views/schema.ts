import { z } from 'zod';
import { parseDashboardSearch } from '@/lib/filters/url';
import { INCIDENT_PARAM } from '@/lib/filters/serialize';
import { VIEW_NAME_MAX, VIEW_PARAM } from './link';

export { VIEW_NAME_MAX, VIEW_PARAM, viewHref, type SavedView } from './link';

export const VIEW_QUERY_MAX = 2000;
/** Per owner; a list longer than this stops being a menu. */
export const VIEWS_PER_OWNER_MAX = 100;

/**
 * A saved view's query string, normalised: no leading `?`, no view or selected incident (a view is
 * a way of looking, not a selection), and every filter parameter valid: the dashboard would drop a
 * bad one silently on every visit, so saving one is refused here, naming it. Parameters the filter
 * does not know (the display mode and whatever later pages add) are kept as they are.
 */
export function normaliseViewQuery(raw: string): { query: string; invalid: string[] } {
  const params = new URLSearchParams(raw.startsWith('?') ? raw.slice(1) : raw);
  params.delete(VIEW_PARAM);
  params.delete(INCIDENT_PARAM);
  const { invalid } = parseDashboardSearch(params);
  return { query: params.toString(), invalid };
}

const coordinate = (name: string, max: number) =>
  z
    .number({ message: `${name} must be a number` })
    .min(-max, `${name} must be ≥ -${max}`)
    .max(max, `${name} must be ≤ ${max}`);

export const viewCreateSchema = z
  .object({
    name: z
      .string({ message: 'name must be a string' })
      .trim()
      .min(1, 'name must not be empty')
      .max(VIEW_NAME_MAX, `name must be at most ${VIEW_NAME_MAX} characters`)
      // Names are shown in menus and audit lines: no control characters (newlines, bidi overrides).
      .refine((s) => !/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(s), 'name must not contain control characters'),
    query: z
      .string({ message: 'query must be a string' })
      .max(VIEW_QUERY_MAX, `query must be at most ${VIEW_QUERY_MAX} characters`)
      .transform((s, ctx) => {
        const { query, invalid } = normaliseViewQuery(s);
        for (const p of invalid) ctx.addIssue({ code: 'custom', message: `query has an invalid ${p} parameter` });
        return query;
      }),
    map: z
      .object({
        lat: coordinate('map.lat', 90),
        lon: coordinate('map.lon', 180),
        zoom: z.number({ message: 'map.zoom must be a number' }).int('map.zoom must be a whole number').min(0).max(22),
      })
      .strict(),
    shared: z.boolean({ message: 'shared must be true or false' }).default(false),
  })
  .strict();
export type ViewCreateInput = z.output<typeof viewCreateSchema>;

export const startViewSchema = z.object({ id: z.number({ message: 'id must be a view id or null' }).int().positive().nullable() }).strict();
