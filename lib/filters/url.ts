import { filterParamsFromSearch } from '@/lib/validation/incident-filter';
import { VIEW_PARAM_NAMES, viewFilterSchema, type ViewFilter } from './schema';
import { INCIDENT_PARAM } from './serialize';

export { dashboardQuery, filterQuery, INCIDENT_PARAM } from './serialize';

export interface DashboardState {
  filter: ViewFilter;
  incident: number | null;
  /** Filter params that were dropped because they did not parse (shown to the user). */
  invalid: string[];
}

/** Reads the dashboard state from the URL; a bad parameter is dropped (and reported), never fatal. */
export function parseDashboardSearch(params: URLSearchParams): DashboardState {
  const raw = filterParamsFromSearch(
    params,
    VIEW_PARAM_NAMES.filter((n) => n !== 'bbox'),
  );
  const invalid: string[] = [];
  let parsed = viewFilterSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (key && key in raw && !invalid.includes(key)) invalid.push(key);
    }
    for (const key of invalid) delete raw[key];
    parsed = viewFilterSchema.safeParse(raw);
  }
  const id = Number(params.get(INCIDENT_PARAM));
  return {
    filter: parsed.success ? parsed.data : {},
    incident: Number.isSafeInteger(id) && id > 0 ? id : null,
    invalid,
  };
}
