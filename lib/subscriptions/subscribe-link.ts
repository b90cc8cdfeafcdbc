import { FILTER_FIELD_NAMES, FILTER_FIELDS } from '@/lib/filters/definition';

// The dashboard's filter parameters a subscription takes; the map's viewport, mode and selection are not a filter.
const FILTER_PARAMS: ReadonlySet<string> = new Set(FILTER_FIELD_NAMES.map((k) => FILTER_FIELDS[k].param).filter((p) => p !== 'bbox'));

/**
 * The subscriptions page pre-filled with a dashboard's filter (`/subscriptions?group=ttp&region=kp`):
 * the filter parameters of `search` in their order, everything else (view, incident, mode, zoom) dropped.
 */
export function subscribeHref(search: string | URLSearchParams): string {
  const from = typeof search === 'string' ? new URLSearchParams(search.startsWith('?') ? search.slice(1) : search) : search;
  const kept = new URLSearchParams();
  for (const [k, v] of from) if (FILTER_PARAMS.has(k) && v) kept.append(k, v);
  const q = kept.toString();
  return q ? `/subscriptions?${q}` : '/subscriptions';
}
