import { and, sql } from 'drizzle-orm';
import type { Db } from '@/db/connection';
import { groups, incidents } from '@/db/schema';
import type { ViewFilter } from '@/lib/filters/schema';
import { incidentConditions } from './incident-filter-sql';

export interface FacetCount {
  value: string;
  count: number;
}
export interface GroupFacet extends FacetCount {
  name: string;
  colour: string;
  kind: string;
}
export interface RegionFacet extends FacetCount {
  killed: number;
}
export interface Facets {
  total: number;
  killed: number;
  /** Rows in the filter that are synthetic demo data. */
  demo: number;
  /** Each dimension is counted with every other filter applied but its own, so a multi-select shows what adding a value would bring. */
  groups: GroupFacet[];
  regions: RegionFacet[];
  eventTypes: FacetCount[];
  subEventTypes: FacetCount[];
  /** Per monitored region under the full filter (choropleth). */
  choropleth: RegionFacet[];
}

const count = sql<number>`count(*)`;
const killedSum = sql<number>`coalesce(sum(${incidents.killed}), 0)`;

export function listFacets(db: Db, filter: ViewFilter): Facets {
  const where = incidentConditions(filter);
  const totals = db
    .select({ n: count, killed: killedSum, demo: sql<number>`coalesce(sum(${incidents.dataset} = 'demo'), 0)` })
    .from(incidents)
    .where(where)
    .get()!;

  const byGroup = db
    .select({ value: incidents.groupId, count })
    .from(incidents)
    .where(incidentConditions({ ...filter, group: undefined }))
    .groupBy(incidents.groupId)
    .all();
  const groupRows = db.select({ id: groups.id, name: groups.name, colour: groups.colour, kind: groups.kind }).from(groups).all();
  const counts = new Map(byGroup.map((r) => [r.value, r.count]));
  const selected = new Set(filter.group ?? []);
  const groupFacets = groupRows
    .filter((g) => counts.has(g.id) || selected.has(g.id))
    .map((g) => ({ value: g.id, name: g.name, colour: g.colour, kind: g.kind, count: counts.get(g.id) ?? 0 }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));

  const regionRows = (f: ViewFilter) =>
    db
      .select({ value: sql<string>`coalesce(${incidents.region}, 'none')`, count, killed: killedSum })
      .from(incidents)
      .where(incidentConditions(f))
      .groupBy(incidents.region)
      .all()
      .sort((a, b) => b.count - a.count);

  const typeRows = (column: typeof incidents.eventType | typeof incidents.subEventType) =>
    db
      .select({ value: column, count })
      .from(incidents)
      .where(and(incidentConditions({ ...filter, type: undefined })))
      .groupBy(column)
      .all()
      .sort((a, b) => b.count - a.count);

  return {
    total: totals.n,
    killed: totals.killed,
    demo: totals.demo,
    groups: groupFacets,
    regions: regionRows({ ...filter, region: undefined }),
    eventTypes: typeRows(incidents.eventType),
    subEventTypes: typeRows(incidents.subEventType),
    choropleth: regionRows(filter).filter((r) => r.value !== 'none'),
  };
}
