import { z } from 'zod';
import { IMPORT_FORMATS } from '@/lib/import/validate-rows';
import { auditFilterSchema } from '@/lib/validation/audit-filter';
import { flagString } from '@/lib/validation/flag';
import { FILTER_PARAM_NAMES, incidentFilterSchema } from '@/lib/validation/incident-filter';

/**
 * Query schemas of the routes that are not the shared filter itself. They live here rather than
 * inside the route files so the OpenAPI document and its route-walking test read the very
 * schemas the handlers parse with (a route module may export only its HTTP methods).
 */

/** `GET /api/incidents`: the filter plus `facets=true` (count, facets and first page in one call). */
export const incidentListQuery = incidentFilterSchema.extend({ facets: flagString('facets must be true or false').optional() });
export const INCIDENT_LIST_PARAM_NAMES = [...FILTER_PARAM_NAMES, 'facets'] as const;

/** `GET /api/incidents/export`: the filter without paging, plus the file format and (CSV) the HXL hashtag row. */
export const incidentExportQuery = incidentFilterSchema.omit({ limit: true, cursor: true }).extend({
  format: z.enum(['csv', 'geojson'], { message: 'format must be csv or geojson' }),
  hxl: z
    .enum(['true', 'false'], { message: 'hxl must be true or false' })
    .default('false')
    .transform((v) => v === 'true')
    .meta({ description: 'CSV only: an HXL hashtag row under the header' }),
});
export const INCIDENT_EXPORT_PARAM_NAMES = [...FILTER_PARAM_NAMES.filter((p) => p !== 'limit' && p !== 'cursor'), 'format', 'hxl'] as const;

/** `GET /api/incidents/{id}/history`: paging through the audit trail of one incident. */
export const incidentHistoryQuery = auditFilterSchema.pick({ cursor: true, limit: true });

/** `POST /api/import`: file format and dry run. */
export const importQuery = z
  .object({
    format: z.enum(IMPORT_FORMATS, { message: 'format must be acled, native, ucdp or gtd' }).default('acled'),
    dryRun: z
      .enum(['true', 'false', '1', '0'], { message: 'dryRun must be true or false' })
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
  })
  .strict();
export const IMPORT_PARAM_NAMES = ['format', 'dryRun'] as const;

/** `GET /api/stream`: a manual reconnect point (browsers send the Last-Event-ID header instead). */
export const streamQuery = z
  .object({
    lastEventId: z
      .string()
      .regex(/^\d{1,15}$/, 'lastEventId must be an event id this stream sent')
      .optional(),
  })
  .strict();
