import type { Store } from '@/db/store';
import type { ViewFilter } from '@/lib/filters/schema';
import { boundsOf, unionBounds, type GeoBounds } from '@/lib/map/bounds';
import { getMapView, type MapView } from './map-view';

/** The box of an index's own points, computed once per index (it never changes; new incidents ride in `extra`). */
const indexBounds = new WeakMap<MapView['points'], GeoBounds | null>();

/**
 * Where every incident of a filter lies: the same in-memory index as /api/map (so the same
 * filter, cache and freshness), plus the incidents created since that index was built.
 */
export async function getMapBounds(db: Store, filter: ViewFilter): Promise<{ total: number; bounds: GeoBounds | null }> {
  const view = await getMapView(db, filter);
  let own = indexBounds.get(view.points);
  if (own === undefined) {
    own = boundsOf(view.points);
    indexBounds.set(view.points, own);
  }
  return { total: view.indexed + view.extra.length, bounds: unionBounds(own, boundsOf(view.extra)) };
}
