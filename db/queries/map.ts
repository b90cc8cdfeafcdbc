import { and, inArray } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { builder, engineOf } from '@/db/engine';
import { EVENT_TYPES, groups, incidents } from '@/db/schema';
import { eventsAfter } from './outbox';
import type { ViewFilter } from '@/lib/filters/schema';
import type { MapPoint } from '@/lib/map/cluster';
import { incidentConditions } from './incident-filter-sql';
import { indexedFilter } from './incident-index';
import { forEachMatching } from '@/lib/incident-index/query';
import { CROSS_BORDER, NONE } from '@/lib/incident-index/columns';

/**
 * Every point in the filter (optionally only the given ids) as compact objects. The full set comes
 * from the in-memory incident index (no row objects from SQLite); the viewport is applied by the
 * cluster index, not here, so one index serves every pan.
 */
export async function listMapPoints(store: Store, filter: ViewFilter, onlyIds?: number[]): Promise<MapPoint[]> {
  const view = { ...filter, bbox: undefined };
  if (onlyIds) {
    const engine = engineOf(store);
    const query = builder(store)
      .select({
        id: incidents.id,
        lon: incidents.lon,
        lat: incidents.lat,
        g: incidents.groupId,
        k: incidents.killed,
        i: incidents.injured,
        x: incidents.crossBorder,
      })
      .from(incidents)
      .where(and(incidentConditions(view, engine), inArray(incidents.id, onlyIds)));
    if (engine === 'postgres') return await query;
    // SQLite: positional rows straight from better-sqlite3 (no per-row objects from drizzle).
    const { sql, params } = query.toSQL();
    const rows = sqlOf(store)
      .$client.prepare(sql)
      .raw(true)
      .all(...params) as [number, number, number, string, number | null, number | null, number][];
    return rows.map(([id, lon, lat, g, k, i, x]) => ({ id, lon, lat, g, k, i, x: x === 1 }));
  }
  const { index, f } = await indexedFilter(store, view);
  const { combos } = index;
  const groupsByCode = combos.dict.group.values;
  const out: MapPoint[] = [];
  forEachMatching(index, f, (c, i) => {
    out.push({
      id: c.id[i],
      lon: c.lon[i],
      lat: c.lat[i],
      g: groupsByCode[combos.group[c.combo[i]]]!,
      k: c.killed[i] === NONE ? null : c.killed[i],
      i: c.injured[i] === NONE ? null : c.injured[i],
      x: (c.flags[i] & CROSS_BORDER) !== 0,
    });
  });
  return out;
}

/** Colour of every group (small table). */
export async function groupColours(store: Store): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const g of await builder(store).select({ id: groups.id, colour: groups.colour }).from(groups)) out[g.id] = g.colour;
  return out;
}

/**
 * Outbox rows after `seq`, alert rows left out (in SQL, before the limit), oldest first: what the
 * map's cached cluster index needs to know to carry new incidents beside it. Read in the outbox's
 * delivery order (db/queries/outbox.ts), so on PostgreSQL no row committing out of seq order is
 * skipped.
 */
export async function nonAlertEventsAfter(
  store: Store,
  seq: number,
  limit: number,
): Promise<{ type: string; refId: number; action: string }[]> {
  const found = await eventsAfter(store, seq, limit, { types: EVENT_TYPES.filter((t) => t !== 'alert') });
  return found.map(({ type, refId, action }) => ({ type, refId, action }));
}
