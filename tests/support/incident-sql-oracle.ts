import { and, asc, count, desc, sql, type SQL } from 'drizzle-orm';
import type { Store } from '@/db/store';
import { builder, engineOf } from '@/db/engine';
import { groups, incidents } from '@/db/schema';
import { incidentConditions } from '@/db/queries/incident-filter-sql';
import type { ViewFilter } from '@/lib/filters/schema';

/**
 * The reference answers, straight from SQL over the same filter translation the export uses
 * (db/queries/incident-filter-sql.ts): what the in-memory index must reproduce exactly, on
 * either engine.
 */
const where = (store: Store, f: ViewFilter & { cursor?: string }): SQL | undefined => incidentConditions(f, engineOf(store));

export async function sqlCount(store: Store, f: ViewFilter): Promise<number> {
  const [r] = await builder(store).select({ n: count() }).from(incidents).where(where(store, f));
  return r.n;
}

export async function sqlPageIds(store: Store, f: ViewFilter, limit: number, cursor?: string): Promise<number[]> {
  const rows = await builder(store)
    .select({ id: incidents.id })
    .from(incidents)
    .where(where(store, { ...f, cursor }))
    .orderBy(desc(incidents.occurredAt), desc(incidents.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

const n = sql<number>`count(*)`;
const killed = sql<number>`coalesce(sum(${incidents.killed}), 0)`;
/** By count; ties in value order, NULL first (GROUP BY order on SQLite; PostgreSQL needs the ORDER BY). */
const sorted = <T extends { count: number }>(rows: T[]) => rows.sort((a, b) => Number(b.count) - Number(a.count));
const num = <T extends { count: number }>(rows: T[]) => rows.map((r) => ({ ...r, count: Number(r.count) }));

/** Facets as GROUP BY queries, each dimension under every filter but its own. */
export async function sqlFacets(store: Store, f: ViewFilter) {
  const db = builder(store);
  const [totals] = await db
    .select({ n, killed, demo: sql<number>`coalesce(sum(CASE WHEN ${incidents.dataset} = 'demo' THEN 1 ELSE 0 END), 0)` })
    .from(incidents)
    .where(where(store, f));
  const byGroup = await db
    .select({ value: incidents.groupId, count: n })
    .from(incidents)
    .where(where(store, { ...f, group: undefined }))
    .groupBy(incidents.groupId);
  const names = new Map((await db.select().from(groups)).map((g) => [g.id, g]));
  const selected = new Set(f.group ?? []);
  const counts = new Map(byGroup.map((r) => [r.value, Number(r.count)]));
  const groupFacets = [...names.values()]
    .filter((g) => counts.has(g.id) || selected.has(g.id))
    .map((g) => ({ value: g.id, name: g.name, colour: g.colour, kind: g.kind, count: counts.get(g.id) ?? 0 }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const regionRows = async (g: ViewFilter) =>
    sorted(
      (
        await db
          .select({ value: sql<string>`coalesce(${incidents.region}, 'none')`, count: n, killed })
          .from(incidents)
          .where(where(store, g))
          .groupBy(incidents.region)
          .orderBy(sql`${incidents.region} ASC NULLS FIRST`)
      ).map((r) => ({ ...r, count: Number(r.count), killed: Number(r.killed) })),
    );
  const typeRows = async (column: typeof incidents.eventType | typeof incidents.subEventType) =>
    sorted(
      num(
        await db
          .select({ value: column, count: n })
          .from(incidents)
          .where(and(where(store, { ...f, type: undefined })))
          .groupBy(column)
          .orderBy(asc(column)),
      ),
    );
  return {
    total: Number(totals.n),
    killed: Number(totals.killed),
    demo: Number(totals.demo),
    groups: groupFacets,
    regions: await regionRows({ ...f, region: undefined }),
    eventTypes: await typeRows(incidents.eventType),
    subEventTypes: await typeRows(incidents.subEventType),
    choropleth: (await regionRows(f)).filter((r) => r.value !== 'none'),
  };
}

/** Every drawable-or-not point of the filter (bbox ignored, as the map's index ignores it), from SQL. */
export async function sqlMapPoints(store: Store, f: ViewFilter): Promise<{ id: number; lon: number; lat: number; k: number | null }[]> {
  const found = await builder(store)
    .select({ id: incidents.id, lon: incidents.lon, lat: incidents.lat, k: incidents.killed })
    .from(incidents)
    .where(where(store, { ...f, bbox: undefined }));
  return found.map((r) => ({ id: Number(r.id), lon: Number(r.lon), lat: Number(r.lat), k: r.k === null ? null : Number(r.k) }));
}
