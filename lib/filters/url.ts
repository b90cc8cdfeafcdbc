import { filterParamsFromSearch, filterToSearch } from '@/lib/validation/incident-filter';
import { VIEW_PARAM_NAMES, viewFilterSchema, type ViewFilter } from './schema';

/** Dashboard-only URL state beside the filter (selected incident). Filter params keep the API's names. */
export const INCIDENT_PARAM = 'incident';

export interface DashboardState {
  filter: ViewFilter;
  incident: number | null;
  /** Filter params that were dropped because they did not parse (shown to the user). */
  invalid: string[];
}

/** Reads the dashboard state from the URL; a bad parameter is dropped (and reported), never fatal. */
export function parseDashboardSearch(params: URLSearchParams): DashboardState {
  const raw = filterParamsFromSearch(params, VIEW_PARAM_NAMES.filter((n) => n !== 'bbox'));
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

/** Canonical query string of the filter, as the API reads it (no leading `?`). */
export function filterQuery(filter: ViewFilter): string {
  return filterToSearch({ ...filter, bbox: undefined }).toString();
}

/** Query string of the whole dashboard state: the filter plus the selected incident. */
export function dashboardQuery(filter: ViewFilter, incident: number | null): string {
  const p = filterToSearch({ ...filter, bbox: undefined });
  if (incident) p.set(INCIDENT_PARAM, String(incident));
  return p.toString();
}

/** Canonical form: the same filter always yields the same string (query keys, comparisons). */
export const sameFilter = (a: ViewFilter, b: ViewFilter) => filterQuery(a) === filterQuery(b);
