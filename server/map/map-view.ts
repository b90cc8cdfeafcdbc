import { storeFile, type Store } from '@/db/store';
import { listMapPoints, nonAlertEventsAfter } from '@/db/queries/map';
import { outboxHead } from '@/db/queries/outbox-head';
import type { ViewFilter } from '@/lib/filters/schema';
import type { MapFeature, MapPoint, Viewport } from '@/lib/map/cluster';
import { IndexedIds, undrawnPoints } from '@/lib/map/indexed-ids';
import { Lru } from '@/lib/map/lru';
import { filterToSearch } from '@/lib/validation/incident-filter';
import { buildClusters, queryClusters, WORKER_INDEXES, type ClusterHandle } from './cluster-worker-client';

export interface MapView {
  seq: number;
  builtAt: number;
  clusters: ClusterHandle;
  /** Points in the index. */
  indexed: number;
  /** Incidents created since the index was built, drawn as single points on top of it. */
  extra: MapPoint[];
  /** Ids in the index, made on the first incremental update (lib/map/indexed-ids.ts). */
  indexedIds?: IndexedIds;
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
export async function getMapView(db: Store, filter: ViewFilter, now = Date.now()): Promise<MapView> {
  const key = `${storeFile(db)}?${filterToSearch({ ...filter, bbox: undefined }).toString()}`;
  const seq = await outboxHead(db); // any write bumps it, so cached map indexes key on it
  const hit = cache.get(key);
  if (hit && hit.seq === seq) return hit;
  if (hit && now - hit.builtAt < MAX_AGE_MS) {
    // Alert rows are left out in SQL, before the limit: a post that fires 17 rules appends 18
    // rows, and a limit over all of them silently dropped the incidents past its first 301 rows.
    const since = await nonAlertEventsAfter(db, hit.seq, MAX_EXTRA + 1);
    // A large import is one `import` row for many incidents: only a rebuild shows them.
    if (since.length <= MAX_EXTRA && since.every((e) => e.type === 'incident' && e.action === 'created')) {
      const read = since.length
        ? await listMapPoints(
            db,
            filter,
            since.map((e) => e.refId),
          )
        : [];
      // Only incidents the view does not draw yet: the index may already hold some of them.
      const indexedIds = hit.indexedIds ?? new IndexedIds(hit.clusters.points);
      const added = undrawnPoints(indexedIds, hit.extra, read);
      if (hit.extra.length + added.length <= MAX_EXTRA) {
        const next = { ...hit, seq, extra: [...hit.extra, ...added], indexedIds };
        cache.set(key, next);
        return next;
      }
    }
  }
  const buildKey = `${key}#${seq}`;
  const pending = building.get(buildKey);
  if (pending) return pending;
  // Registered before the points are read, so requests arriving meanwhile join this build.
  const job = (async () => {
    const points = await listMapPoints(db, filter);
    const clusters = await buildClusters(points);
    const view = { seq, builtAt: now, clusters, indexed: points.length, extra: [] };
    cache.set(key, view);
    return view;
  })().finally(() => building.delete(buildKey));
  building.set(buildKey, job);
  return job;
}

/** Clusters and points of a viewport from the view's index (rebuilt if the worker dropped it). */
export async function mapViewportFeatures(
  view: MapView,
  viewport: Viewport,
  zoom: number,
  max: number,
): Promise<{ zoom: number; features: MapFeature[] }> {
  const found = await queryClusters(view.clusters, viewport, zoom, max);
  if (found) return found;
  const clusters = await buildClusters(view.clusters.points);
  view.clusters = clusters;
  return (await queryClusters(clusters, viewport, zoom, max)) ?? { zoom, features: [] };
}
