import { z } from 'zod';
import { HEAT_WEIGHTS, MAP_MODES } from '@/lib/map/aggregate';
import { FILTER_PARAM_NAMES, incidentFilterSchema, type IncidentFilter } from '@/lib/validation/incident-filter';

/** The filter without paging: what facets, timeline, map and the dashboard share. */
export const viewFilterSchema = incidentFilterSchema.omit({ limit: true, cursor: true });
export type ViewFilter = Omit<IncidentFilter, 'limit' | 'cursor'>;

export const VIEW_PARAM_NAMES = FILTER_PARAM_NAMES.filter((n) => n !== 'limit' && n !== 'cursor');

/**
 * Map viewport request: the view filter plus the zoom level and the display mode (clusters, heat
 * map weighted by incidents or killed, hexagons); `bbox` is the viewport, not a SQL filter.
 */
export const mapQuerySchema = viewFilterSchema.extend({
  zoom: z.coerce
    .number({ message: 'zoom must be a number' })
    .int('zoom must be a whole number')
    .min(0, 'zoom must be ≥ 0')
    .max(22, 'zoom must be ≤ 22')
    .default(5),
  mode: z.enum(MAP_MODES, { message: `mode must be one of ${MAP_MODES.join(', ')}` }).default('clusters'),
  weight: z.enum(HEAT_WEIGHTS, { message: `weight must be one of ${HEAT_WEIGHTS.join(', ')}` }).default('count'),
});
export type MapQuery = z.output<typeof mapQuerySchema>;
export const MAP_PARAM_NAMES = [...VIEW_PARAM_NAMES, 'zoom', 'mode', 'weight'] as const;
