import type { ViewFilter } from './schema';

/** Dashboard-only URL state beside the filter (selected incident). Filter params keep the API's names. */
export const INCIDENT_PARAM = 'incident';

/**
 * Canonical query string of a view filter. It imports no zod (the schema would add ~20 KB gzipped
 * to the dashboard's first-load JavaScript); `filterToSearch` builds on it. Parsing stays on the server.
 */
export function filterQuery(f: Partial<ViewFilter>): string {
  const p = new URLSearchParams();
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.group?.length) p.set('group', f.group.join(','));
  if (f.region?.length) p.set('region', f.region.join(','));
  if (f.type?.length) p.set('type', f.type.join(','));
  if (f.minKilled !== undefined && f.minKilled > 0) p.set('minKilled', String(f.minKilled));
  if (f.minSources !== undefined && f.minSources > 1) p.set('minSources', String(f.minSources));
  if (f.claimStatus?.length) p.set('claimStatus', f.claimStatus.join(','));
  if (f.source?.length) p.set('source', f.source.join(','));
  if (f.q) p.set('q', f.q);
  return p.toString();
}

/** Query string of the whole dashboard state: the filter plus the selected incident. */
export function dashboardQuery(filter: ViewFilter, incident: number | null): string {
  const q = filterQuery(filter);
  const extra = incident ? `${INCIDENT_PARAM}=${incident}` : '';
  return [q, extra].filter(Boolean).join('&');
}
