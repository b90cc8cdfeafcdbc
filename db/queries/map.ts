import { sql } from 'drizzle-orm';
import type { Db } from '@/db/connection';
import { events, groups, incidents } from '@/db/schema';
import type { ViewFilter } from '@/lib/filters/schema';
import { buildMapIndex, type MapIndex, type MapPoint } from '@/lib/map/cluster';
import { Lru } from '@/lib/map/lru';
import { filterToSearch } from '@/lib/validation/incident-filter';
import { incidentConditions } from './incident-filter-sql';

/**
 * Every point in the filter as compact tuples (no row objects: 100k rows must stay cheap).
 * The viewport is applied by the cluster index, not here, so one index serves every pan.
 */
export function listMapPoints(db: Db, filter: ViewFilter): MapPoint[] {
  const rows = db
    .select({ id: incidents.id, lon: incidents.lon, lat: incidents.lat, g: incidents.groupId, k: incidents.killed, i: incidents.injured, x: incidents.crossBorder })
    .from(incidents)
    .where(incidentConditions({ ...filter, bbox: undefined }))
    .values() as [number, number, number, string, number | null, number | null, number][];
  return rows.map(([id, lon, lat, g, k, i, x]) => ({ id, lon, lat, g, k, i, x: Boolean(x) }));
}

/** Colour of every group (small table). */
export function groupColours(db: Db): Record<string, string> {
  const out: Record<string, string> = {};
  for (const g of db.select({ id: groups.id, colour: groups.colour }).from(groups).all()) out[g.id] = g.colour;
  return out;
}

/** The newest outbox sequence number: any write bumps it, so cached map indexes key on it. */
export function latestEventSeq(db: Db): number {
  return db.select({ s: sql<number | null>`max(${events.seq})` }).from(events).get()?.s ?? 0;
}

interface CachedIndex {
  seq: number;
  index: MapIndex;
  total: number;
}
const cache = new Lru<string, CachedIndex>(8);

/**
 * The cluster index for a filter, built once and reused for every pan and zoom until the
 * outbox moves (any write may change what the filter matches).
 */
export function getMapIndex(db: Db, filter: ViewFilter): CachedIndex & { cached: boolean } {
  const key = `${db.$client.name}?${filterToSearch({ ...filter, bbox: undefined }).toString()}`;
  const seq = latestEventSeq(db);
  const hit = cache.get(key);
  if (hit && hit.seq === seq) return { ...hit, cached: true };
  const points = listMapPoints(db, filter);
  const entry = { seq, index: buildMapIndex(points), total: points.length };
  cache.set(key, entry);
  return { ...entry, cached: false };
}
