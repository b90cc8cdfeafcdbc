import { sqlOf, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { cachedStatement } from '@/db/statement-cache';
import type { ViewFilter } from '@/lib/filters/schema';
import { facetCounts, type FacetCounts } from '@/lib/incident-index/query';
import type { IncidentIndex } from '@/lib/incident-index/incident-index';
import { indexedFilter } from './incident-index';
import type { FacetCount, Facets, RegionFacet } from '@/lib/contract';

export type { FacetCount, Facets, GroupFacet, RegionFacet } from '@/lib/contract';

/** Facets from the in-memory incident index: one pass over the filter's time range. */
export function listFacets(store: Store, filter: ViewFilter): Facets {
  const db = sqlOf(store);
  const { index, f } = indexedFilter(db, filter);
  return facetsFromCounts(db, index, facetCounts(index, f), filter);
}

/** The facets response from per-code counts (shared with the list's `facets=true`). */
export function facetsFromCounts(db: Db, index: IncidentIndex, acc: FacetCounts, filter: ViewFilter): Facets {
  const d = index.combos.dict;
  // Ties keep SQL GROUP BY order (NULL first, then by value), as the facets always had.
  const byCount = <T extends { count: number; key: string | null }>(a: T, b: T) =>
    b.count - a.count || (a.key === b.key ? 0 : a.key === null ? -1 : b.key === null ? 1 : a.key < b.key ? -1 : 1);
  const listed = (counts: Float64Array, values: (string | null)[]): FacetCount[] =>
    values
      .flatMap((key, code) => (counts[code] > 0 && key !== null ? [{ key, value: key, count: counts[code] }] : []))
      .sort(byCount)
      .map(({ value, count }) => ({ value, count }));
  const regions = (counts: Float64Array, killed: Float64Array): RegionFacet[] =>
    d.region.values
      .flatMap((key, code) => (counts[code] > 0 ? [{ key, value: key ?? 'none', count: counts[code], killed: killed[code] }] : []))
      .sort(byCount)
      .map(({ value, count, killed }) => ({ value, count, killed }));

  const groupRows = cachedStatement(db, 'SELECT id, name, colour, kind FROM groups').all() as {
    id: string;
    name: string;
    colour: string;
    kind: string;
  }[];
  const selected = new Set(filter.group ?? []);
  const groupCount = (id: string) => {
    const code = d.group.find(id);
    return code < 0 ? 0 : acc.group[code];
  };
  const groupFacets = groupRows
    .filter((g) => groupCount(g.id) > 0 || selected.has(g.id))
    .map((g) => ({ value: g.id, name: g.name, colour: g.colour, kind: g.kind, count: groupCount(g.id) }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));

  return {
    total: acc.total,
    killed: acc.killed,
    demo: acc.demo,
    groups: groupFacets,
    regions: regions(acc.region, acc.regionKilled),
    eventTypes: listed(acc.type, d.type.values),
    subEventTypes: listed(acc.sub, d.sub.values),
    choropleth: regions(acc.choropleth, acc.choroplethKilled).filter((r) => r.value !== 'none'),
  };
}
