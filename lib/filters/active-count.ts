import type { ViewFilter } from '@/lib/filters/schema';

/**
 * How many filters narrow the view, as the phone's "Filters" button shows it: the time window
 * counts once (from and to are one control), every other field once when it holds a value.
 */
export function activeFilterCount(filter: ViewFilter): number {
  const set = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && v !== '');
  const { from, to, ...rest } = filter;
  let n = set(from) || set(to) ? 1 : 0;
  for (const v of Object.values(rest)) if (set(v)) n++;
  return n;
}
