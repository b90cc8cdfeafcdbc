import { INCIDENT_PARAM } from '@/lib/filters/serialize';

/** The page an alert lands on (mails, webhooks, the alert panel): the rule, its incidents, acknowledge. */
export const alertPath = (id: number): string => `/alerts/${id}`;

/** The same page as an absolute link, from PUBLIC_URL (no trailing slash) for mails and webhook payloads. */
export const alertUrl = (baseUrl: string, id: number): string => `${baseUrl}${alertPath(id)}`;

/**
 * The dashboard showing an alert: the filter it was about (scope and time window, stored in its
 * details when it fired) with its first incident selected, so the map opens on that incident.
 */
// The filter names an alert's details carry (lib/alerts/scope.ts scopeFilter); anything else is ignored.
const FILTER_KEYS = ['from', 'to', 'group', 'region', 'type'] as const;

export function alertMapHref(a: { incidentIds: readonly number[]; details: Record<string, unknown> }): string {
  const filter = (a.details.filter ?? {}) as Record<string, unknown>;
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = filter[k];
    if (typeof v === 'string' && v) p.set(k, v);
  }
  if (a.incidentIds.length) p.set(INCIDENT_PARAM, String(a.incidentIds[0]));
  const q = p.toString();
  return q ? `/?${q}` : '/';
}
