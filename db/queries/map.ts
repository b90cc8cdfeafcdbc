import { and, asc, gt, inArray, ne } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { events, groups, incidents } from '@/db/schema';
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
export function listMapPoints(store: Store, filter: ViewFilter, onlyIds?: number[]): MapPoint[] {
  const db = sqlOf(store);
  const view = { ...filter, bbox: undefined };
  if (onlyIds) {
    const query = db
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
      .where(and(incidentConditions(view), inArray(incidents.id, onlyIds)))
      .toSQL();
    const rows = db.$client
      .prepare(query.sql)
      .raw(true)
      .all(...query.params) as [number, number, number, string, number | null, number | null, number][];
    return rows.map(([id, lon, lat, g, k, i, x]) => ({ id, lon, lat, g, k, i, x: x === 1 }));
  }
  const { index, f } = indexedFilter(db, view);
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
export function groupColours(store: Store): Record<string, string> {
  const db = sqlOf(store);
  const out: Record<string, string> = {};
  for (const g of db.select({ id: groups.id, colour: groups.colour }).from(groups).all()) out[g.id] = g.colour;
  return out;
}

/**
 * Outbox rows after `seq`, alert rows left out (in SQL, before the limit), oldest first: what the
 * map's cached cluster index needs to know to carry new incidents beside it.
 */
export function nonAlertEventsAfter(store: Store, seq: number, limit: number): { type: string; refId: number; action: string }[] {
  const db = sqlOf(store);
  return db
    .select({ type: events.type, refId: events.refId, action: events.action })
    .from(events)
    .where(and(gt(events.seq, seq), ne(events.type, 'alert')))
    .orderBy(asc(events.seq))
    .limit(limit)
    .all();
}
