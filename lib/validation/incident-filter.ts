import { z } from 'zod';
import { isIsoDate, parseInstant } from '@/lib/time/zone';
import { isRegionId } from '@/lib/taxonomy/regions';
import { FILTER_FIELD_NAMES, FILTER_FIELDS } from '@/lib/filters/definition';
import { filterQuery } from '@/lib/filters/serialize';
import { CLAIM_STATUSES } from '@/lib/incidents/record';
import { DATASET_NAMES, isDatasetName } from '@/lib/datasets/dataset-bits';

/**
 * The one incident filter: parsed from the API query string, the dashboard URL and export
 * requests alike. Parameter names are a public contract (from, to, group, region, type,
 * minKilled, minSources, claimStatus, source, q, bbox, limit, cursor).
 */
const csvList = (name: string, max: number, itemMax = 100) =>
  z
    .string()
    .max(max * (itemMax + 1), `${name}: too long`)
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string().max(itemMax, `each ${name} value must be at most ${itemMax} characters`))
        .max(max, `at most ${max} ${name} values`),
    );

const dateOrInstant = z
  .string()
  .max(40)
  .refine((s) => isIsoDate(s) || parseInstant(s) !== null, {
    message: 'must be an ISO date (YYYY-MM-DD) or an ISO instant with offset (2024-12-15T20:30:00Z)',
  });

/** The declared filter fields (lib/filters/definition.ts), then paging. */
export const FILTER_PARAM_NAMES = [...FILTER_FIELD_NAMES.map((k) => FILTER_FIELDS[k].param), 'limit', 'cursor'] as const;

export const MAX_LIMIT = 1000;
/** The highest source floor a filter may ask for (the incident index counts sources up to 65535). */
export const MAX_MIN_SOURCES = 1000;

export const incidentFilterSchema = z
  .object({
    from: dateOrInstant.optional(),
    to: dateOrInstant.optional(),
    group: csvList('group', 100, 64).optional(),
    region: csvList('region', 10, 32)
      .refine((list) => list.every((r) => isRegionId(r) || r === 'none'), {
        message: 'region must be one of kp, balochistan, barmal, tajikistan, none',
      })
      .optional(),
    type: csvList('type', 50, 100).optional(),
    minKilled: z.coerce
      .number({ message: 'minKilled must be a number' })
      .int('minKilled must be a whole number')
      .min(0, 'minKilled must be ≥ 0')
      .max(1_000_000)
      .optional(),
    minSources: z.coerce
      .number({ message: 'minSources must be a number' })
      .int('minSources must be a whole number')
      .min(1, 'minSources must be ≥ 1')
      .max(MAX_MIN_SOURCES, `minSources must be ≤ ${MAX_MIN_SOURCES}`)
      .optional(),
    claimStatus: csvList('claimStatus', 3, 16)
      .refine((list) => list.every((c) => (CLAIM_STATUSES as readonly string[]).includes(c)), {
        message: `claimStatus must be one of ${CLAIM_STATUSES.join(', ')}`,
      })
      .optional(),
    source: csvList('source', DATASET_NAMES.length, 16)
      .refine((list) => list.every(isDatasetName), { message: `source must be one of ${DATASET_NAMES.join(', ')}` })
      .optional(),
    q: z.string().trim().max(200, 'q must be at most 200 characters').optional(),
    bbox: z
      .string()
      .max(100)
      .transform((s, ctx) => {
        const parts = s.split(',').map((p) => Number(p.trim()));
        const [west, south, east, north] = parts;
        if (parts.length !== 4 || parts.some((p) => !Number.isFinite(p))) {
          ctx.addIssue({ code: 'custom', message: 'bbox must be four numbers: west,south,east,north' });
          return z.NEVER;
        }
        if (south < -90 || north > 90 || south > north || west < -180 || east > 180 || west > east) {
          ctx.addIssue({ code: 'custom', message: 'bbox must satisfy -180 ≤ west ≤ east ≤ 180 and -90 ≤ south ≤ north ≤ 90' });
          return z.NEVER;
        }
        return { west, south, east, north };
      })
      .optional(),
    limit: z.coerce
      .number({ message: 'limit must be a number' })
      .int('limit must be a whole number')
      .min(1, 'limit must be ≥ 1')
      .max(MAX_LIMIT, `limit must be ≤ ${MAX_LIMIT}`)
      .default(100),
    cursor: z
      .string()
      .max(100)
      .regex(/^-?\d{1,15}_\d{1,15}$/, 'cursor is not one this API returned')
      .optional(),
  })
  .strict();

export type IncidentFilterInput = z.input<typeof incidentFilterSchema>;
export type IncidentFilter = z.output<typeof incidentFilterSchema>;

/** Reads the filter parameters out of URLSearchParams (empty values count as absent). */
export function filterParamsFromSearch(params: URLSearchParams, allowed: readonly string[] = FILTER_PARAM_NAMES): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) {
    if (value === '') continue;
    if (key in out) out[key] = `${out[key]},${value}`;
    else out[key] = value;
  }
  for (const key of Object.keys(out)) if (!allowed.includes(key)) delete out[key];
  return out;
}

export function unknownParams(params: URLSearchParams, allowed: readonly string[]): string[] {
  return [...new Set([...params.keys()].filter((k) => !allowed.includes(k)))];
}

/**
 * Serialises a filter back to canonical search params (stable order, omitted defaults). The
 * view part comes from the zod-free serializer the dashboard bundles, so both stay one code path.
 */
export function filterToSearch(f: Partial<IncidentFilter> & { bbox?: IncidentFilter['bbox'] }): URLSearchParams {
  const p = new URLSearchParams(filterQuery(f));
  if (f.bbox) p.set('bbox', [f.bbox.west, f.bbox.south, f.bbox.east, f.bbox.north].join(','));
  if (f.limit !== undefined && f.limit !== 100) p.set('limit', String(f.limit));
  if (f.cursor) p.set('cursor', f.cursor);
  return p;
}
