import type { IncidentItem } from '@/lib/incidents/item';
import { maskOf } from '@/lib/datasets/dataset-bits';
import { dayNumber } from '@/lib/time/zone';
import { matchesTerms, normaliseFilter, type FilterableIncident, type FilterTerms } from './definition';
import type { ViewFilter } from './schema';

/** The fields of an API item a client-side match reads; `id` may be missing (no filter reads it). */
export interface MatchableIncident extends Pick<IncidentItem, MatchedField> {
  id?: number;
}
type MatchedField =
  | 'occurredAt'
  | 'occurredDate'
  | 'group'
  | 'region'
  | 'eventType'
  | 'subEventType'
  | 'killed'
  | 'lat'
  | 'lon'
  | 'sourceCount'
  | 'claimStatus'
  | 'datasets';

/** An API item in the filter definition's terms; its text is left out, so `q` stays undecided. */
export function filterableItem(item: MatchableIncident): FilterableIncident {
  return {
    id: item.id ?? 0,
    occurredAt: Date.parse(item.occurredAt),
    occurredDay: dayNumber(item.occurredDate),
    groupId: item.group,
    region: item.region,
    eventType: item.eventType,
    subEventType: item.subEventType,
    killed: item.killed,
    lat: item.lat,
    lon: item.lon,
    sourceCount: item.sourceCount,
    claimStatus: item.claimStatus,
    datasets: maskOf(item.datasets),
  };
}

/**
 * Whether a live incident falls inside the filter, by the filter's one definition (types in any
 * spelling, as the server reads them); free text cannot be checked without the server's index,
 * so a `q` with searchable words counts as a possible match.
 */
export function matchesFilter(item: MatchableIncident, f: ViewFilter): boolean {
  return matchesTerms(termsOf(f), filterableItem(item));
}

// A view's filter object lives as long as its URL: normalise it once, not per incident.
const termsByFilter = new WeakMap<ViewFilter, FilterTerms>();
function termsOf(f: ViewFilter): FilterTerms {
  let terms = termsByFilter.get(f);
  if (!terms) termsByFilter.set(f, (terms = normaliseFilter(f)));
  return terms;
}
