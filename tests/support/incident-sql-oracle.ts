import { and, count, desc, sql } from 'drizzle-orm';
import type { Db } from '@/db/connection';
import { groups, incidents } from '@/db/schema';
import { incidentConditions } from '@/db/queries/incident-filter-sql';
import type { ViewFilter } from '@/lib/filters/schema';

/**
 * The reference answers, straight from SQL over the same filter translation the export uses
 * (db/queries/incident-filter-sql.ts): what the in-memory index must reproduce exactly.
 */
export function sqlCount(db: Db, f: ViewFilter): number {
  return db.select({ n: count() }).from(incidents).where(incidentConditions(f)).get()!.n;
}

export function sqlPageIds(db: Db, f: ViewFilter, limit: number, cursor?: string): number[] {
  return db
    .select({ id: incidents.id })
    .from(incidents)
    .where(incidentConditions({ ...f, cursor }))
    .orderBy(desc(incidents.occurredAt), desc(incidents.id))
    .limit(limit)
    .all()
    .map((r) => r.id);
}

const n = sql<number>`count(*)`;
const killed = sql<number>`coalesce(sum(${incidents.killed}), 0)`;
const sorted = <T extends { count: number }>(rows: T[]) => rows.sort((a, b) => b.count - a.count);

/** Facets as GROUP BY queries, each dimension under every filter but its own. */
export function sqlFacets(db: Db, f: ViewFilter) {
  const totals = db
    .select({ n, killed, demo: sql<number>`coalesce(sum(${incidents.dataset} = 'demo'), 0)` })
    .from(incidents)
    .where(incidentConditions(f))
    .get()!;
  const byGroup = db
    .select({ value: incidents.groupId, count: n })
    .from(incidents)
    .where(incidentConditions({ ...f, group: undefined }))
    .groupBy(incidents.groupId)
    .all();
  const names = new Map(
    db
      .select()
      .from(groups)
      .all()
      .map((g) => [g.id, g]),
  );
  const selected = new Set(f.group ?? []);
  const counts = new Map(byGroup.map((r) => [r.value, r.count]));
  const groupFacets = [...names.values()]
    .filter((g) => counts.has(g.id) || selected.has(g.id))
    .map((g) => ({ value: g.id, name: g.name, colour: g.colour, kind: g.kind, count: counts.get(g.id) ?? 0 }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const regionRows = (g: ViewFilter) =>
    sorted(
      db
        .select({ value: sql<string>`coalesce(${incidents.region}, 'none')`, count: n, killed })
        .from(incidents)
        .where(incidentConditions(g))
        .groupBy(incidents.region)
        .all(),
    );
  const typeRows = (column: typeof incidents.eventType | typeof incidents.subEventType) =>
    sorted(
      db
        .select({ value: column, count: n })
        .from(incidents)
        .where(and(incidentConditions({ ...f, type: undefined })))
        .groupBy(column)
        .all(),
    );
  return {
    total: totals.n,
    killed: totals.killed,
    demo: totals.demo,
    groups: groupFacets,
    regions: regionRows({ ...f, region: undefined }),
    eventTypes: typeRows(incidents.eventType),
    subEventTypes: typeRows(incidents.subEventType),
    choropleth: regionRows(f).filter((r) => r.value !== 'none'),
  };
}
