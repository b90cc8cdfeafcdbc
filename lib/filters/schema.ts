import { z } from 'zod';
import { FILTER_PARAM_NAMES, incidentFilterSchema, type IncidentFilter } from '@/lib/validation/incident-filter';

/** The filter without paging: what facets, timeline, map and the dashboard share. */
export const viewFilterSchema = incidentFilterSchema.omit({ limit: true, cursor: true });
export type ViewFilter = Omit<IncidentFilter, 'limit' | 'cursor'>;

export const VIEW_PARAM_NAMES = FILTER_PARAM_NAMES.filter((n) => n !== 'limit' && n !== 'cursor');

/** Map viewport request: the view filter plus the zoom level; `bbox` is the viewport, not a SQL filter. */
export const mapQuerySchema = viewFilterSchema.extend({
  zoom: z.coerce
    .number({ message: 'zoom must be a number' })
    .int('zoom must be a whole number')
    .min(0, 'zoom must be ≥ 0')
    .max(22, 'zoom must be ≤ 22')
    .default(5),
});
export type MapQuery = z.output<typeof mapQuerySchema>;
export const MAP_PARAM_NAMES = [...VIEW_PARAM_NAMES, 'zoom'] as const;
