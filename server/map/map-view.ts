import { storeFile, type Store } from '@/db/store';
import { listMapPoints, nonAlertEventsAfter } from '@/db/queries/map';
import { outboxHead } from '@/db/queries/outbox-head';
import type { ViewFilter } from '@/lib/filters/schema';
import type { MapPoint } from '@/lib/map/cluster';
import { IndexedIds, undrawnPoints } from '@/lib/map/indexed-ids';
import { Lru } from '@/lib/map/lru';
import { filterToSearch } from '@/lib/validation/incident-filter';

export interface MapView {
  seq: number;
  builtAt: number;
  /** The filter's points when the view was made. */
  points: readonly MapPoint[];
  /** Points in `points`. */
  indexed: number;
  /** Incidents created since the view was made, carried beside its points. */
  extra: MapPoint[];
  /** Ids in the index, made on the first incremental update (lib/map/indexed-ids.ts). */
  indexedIds?: IndexedIds;
}
/** Views kept (the heat and hexagon grids hang off each view's point array). */
const VIEWS = 8;
const cache = new Lru<string, MapView>(VIEWS);
/** Builds under way, by filter: concurrent first requests for a filter share one build. */
const building = new Map<string, Promise<MapView>>();

/** Past these, new incidents are folded into a fresh index instead of being carried beside it. */
const MAX_EXTRA = 300;
const MAX_AGE_MS = 60_000;

/**
 * The point set of a filter for the heat and hexagon grids and the filter's bounds (clusters are
 * answered from the incident index directly: server/map/map-clusters.ts), read once and reused for
 * every pan and zoom. When the outbox moves only by newly created
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
      const indexedIds = hit.indexedIds ?? new IndexedIds(hit.points);
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
    const view = { seq, builtAt: now, points, indexed: points.length, extra: [] };
    cache.set(key, view);
    return view;
  })().finally(() => building.delete(buildKey));
  building.set(buildKey, job);
  return job;
}
