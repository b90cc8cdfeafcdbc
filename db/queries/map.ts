import { and, asc, gt, inArray, ne } from 'drizzle-orm';
import type { Db } from '@/db/connection';
import { events, groups, incidents } from '@/db/schema';
import type { ViewFilter } from '@/lib/filters/schema';
import type { MapFeature, MapPoint, Viewport } from '@/lib/map/cluster';
import { buildClusters, queryClusters, WORKER_INDEXES, type ClusterHandle } from '@/server/map/cluster-worker-client';
import { Lru } from '@/lib/map/lru';
import { filterToSearch } from '@/lib/validation/incident-filter';
import { incidentConditions } from './incident-filter-sql';
import { outboxHead } from './outbox-head';
import { indexedFilter } from './incident-index';
import { forEachMatching } from '@/lib/incident-index/query';
import { CROSS_BORDER, NONE } from '@/lib/incident-index/columns';

/**
 * Every point in the filter (optionally only the given ids) as compact objects. The full set comes
 * from the in-memory incident index (no row objects from SQLite); the viewport is applied by the
 * cluster index, not here, so one index serves every pan.
 */
export function listMapPoints(db: Db, filter: ViewFilter, onlyIds?: number[]): MapPoint[] {
  const view = { ...filter, bbox: undefined };
  if (onlyIds) {
    const query = db
      .select({ id: incidents.id, lon: incidents.lon, lat: incidents.lat, g: incidents.groupId, k: incidents.killed, i: incidents.injured, x: incidents.crossBorder })
      .from(incidents)
      .where(and(incidentConditions(view), inArray(incidents.id, onlyIds)))
      .toSQL();
    const rows = db.$client.prepare(query.sql).raw(true).all(...query.params) as [number, number, number, string, number | null, number | null, number][];
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
export function groupColours(db: Db): Record<string, string> {
  const out: Record<string, string> = {};
  for (const g of db.select({ id: groups.id, colour: groups.colour }).from(groups).all()) out[g.id] = g.colour;
  return out;
}

export interface MapView {
  seq: number;
  builtAt: number;
  clusters: ClusterHandle;
  /** Points in the index. */
  indexed: number;
  /** Incidents created since the index was built, drawn as single points on top of it. */
  extra: MapPoint[];
}
const cache = new Lru<string, MapView>(WORKER_INDEXES);
/** Builds under way, by filter: concurrent first requests for a filter share one build. */
const building = new Map<string, Promise<MapView>>();

/** Past these, new incidents are folded into a fresh index instead of being carried beside it. */
const MAX_EXTRA = 300;
const MAX_AGE_MS = 60_000;

/**
 * The cluster index for a filter, built once (in a worker thread: about a second per 100k
 * points) and reused for every pan and zoom. When the outbox moves only by newly created
 * incidents, those are added beside the index (a few rows read by id) instead of rebuilding it,
 * so live ingest reaches the map at once. Updates, deletions, many arrivals or an old index
 * trigger a full rebuild.
 */
export async function getMapView(db: Db, filter: ViewFilter, now = Date.now()): Promise<MapView> {
  const key = `${db.$client.name}?${filterToSearch({ ...filter, bbox: undefined }).toString()}`;
  const seq = outboxHead(db); // any write bumps it, so cached map indexes key on it
  const hit = cache.get(key);
  if (hit && hit.seq === seq) return hit;
  if (hit && now - hit.builtAt < MAX_AGE_MS) {
    // Alert rows are left out in SQL, before the limit: a post that fires 17 rules appends 18
    // rows, and a limit over all of them silently dropped the incidents past its first 301 rows.
    const since = db
      .select({ type: events.type, refId: events.refId, action: events.action })
      .from(events)
      .where(and(gt(events.seq, hit.seq), ne(events.type, 'alert')))
      .orderBy(asc(events.seq))
      .limit(MAX_EXTRA + 1)
      .all();
    // A large import is one `import` row for many incidents: only a rebuild shows them.
    if (since.length <= MAX_EXTRA && since.every((e) => e.type === 'incident' && e.action === 'created')) {
      const added = since.length ? listMapPoints(db, filter, since.map((e) => e.refId)) : [];
      if (hit.extra.length + added.length <= MAX_EXTRA) {
        const next = { ...hit, seq, extra: [...hit.extra, ...added] };
        cache.set(key, next);
        return next;
      }
    }
  }
  const buildKey = `${key}#${seq}`;
  const pending = building.get(buildKey);
  if (pending) return pending;
  const points = listMapPoints(db, filter);
  const job = buildClusters(points)
    .then((clusters) => {
      const view = { seq, builtAt: now, clusters, indexed: points.length, extra: [] };
      cache.set(key, view);
      return view;
    })
    .finally(() => building.delete(buildKey));
  building.set(buildKey, job);
  return job;
}

/** Clusters and points of a viewport from the view's index (rebuilt if the worker dropped it). */
export async function mapViewportFeatures(view: MapView, viewport: Viewport, zoom: number, max: number): Promise<{ zoom: number; features: MapFeature[] }> {
  const found = await queryClusters(view.clusters, viewport, zoom, max);
  if (found) return found;
  const clusters = await buildClusters(view.clusters.points);
  view.clusters = clusters;
  return (await queryClusters(clusters, viewport, zoom, max)) ?? { zoom, features: [] };
}
