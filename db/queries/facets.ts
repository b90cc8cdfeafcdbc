import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { builder, engineOf } from '@/db/engine';
import { groups } from '@/db/schema';
import { cachedStatement } from '@/db/statement-cache';
import type { ViewFilter } from '@/lib/filters/schema';
import { facetCounts, type FacetCounts } from '@/lib/incident-index/query';
import type { IncidentIndex } from '@/lib/incident-index/incident-index';
import { indexedFilter } from './incident-index';
import type { FacetCount, Facets, RegionFacet } from '@/lib/contract';

export type { FacetCount, Facets, GroupFacet, RegionFacet } from '@/lib/contract';

/** Facets from the in-memory incident index: one pass over the filter's time range. */
export async function listFacets(store: Store, filter: ViewFilter): Promise<Facets> {
  const { index, f } = await indexedFilter(store, filter);
  return facetsFromCounts(store, index, facetCounts(index, f), filter);
}

type GroupRow = { id: string; name: string; colour: string; kind: string };

/** Every group (a small table); SQLite keeps its prepared statement, as the list asks per call. */
async function groupRows(store: Store): Promise<GroupRow[]> {
  if (engineOf(store) === 'sqlite') return cachedStatement(sqlOf(store), 'SELECT id, name, colour, kind FROM groups').all() as GroupRow[];
  return builder(store).select({ id: groups.id, name: groups.name, colour: groups.colour, kind: groups.kind }).from(groups);
}

/** The facets response from per-code counts (shared with the list's `facets=true`). */
export async function facetsFromCounts(store: Store, index: IncidentIndex, acc: FacetCounts, filter: ViewFilter): Promise<Facets> {
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

  const selected = new Set(filter.group ?? []);
  const groupCount = (id: string) => {
    const code = d.group.find(id);
    return code < 0 ? 0 : acc.group[code];
  };
  const groupFacets = (await groupRows(store))
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
