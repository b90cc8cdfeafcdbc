import type { Store } from '@/db/store';
import type { ViewFilter } from '@/lib/filters/schema';
import type { GeoBounds } from '@/lib/map/bounds';
import type { FilteredMap } from '@/lib/map/index-clusters';
import { selectionBounds } from '@/lib/map/selection-bounds';
import { mapSelection } from './map-selection';

/** The box of a selection, computed once (a selection never changes; a write makes a new one). */
const boxes = new WeakMap<FilteredMap, GeoBounds | null>();

/** A selection's box (also the extent of its whole heat and hexagon grids). */
export function selectionBox(selected: FilteredMap): GeoBounds | null {
  let box = boxes.get(selected);
  if (box === undefined) boxes.set(selected, (box = selectionBounds(selected)));
  return box;
}

/**
 * Where every incident of a filter lies: the same selection over the incident index as
 * /api/map's (so the same filter, cache and freshness), one pass over its bytes.
 */
export async function getMapBounds(db: Store, filter: ViewFilter): Promise<{ total: number; bounds: GeoBounds | null }> {
  const { selected } = await mapSelection(db, filter);
  return { total: selected.total, bounds: selectionBox(selected) };
}
