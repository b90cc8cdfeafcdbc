import { storeFile, type Store } from '@/db/store';
import { indexedFilter } from '@/db/queries/incident-index';
import type { ViewFilter } from '@/lib/filters/schema';
import { filteredMap, type FilteredMap } from '@/lib/map/index-clusters';
import { Lru } from '@/lib/map/lru';
import { processSingleton } from '@/lib/registry';
import { filterToSearch } from '@/lib/validation/incident-filter';

/** Filters whose selection is kept (1 byte per incident each): the dashboard's recent filters. */
const SELECTIONS = 8;
const selections = processSingleton('mapSelections', () => new Lru<string, FilteredMap>(SELECTIONS));

/**
 * A filter's incidents on the map, from the in-memory incident index (caught up with every write
 * first, so new incidents show at once): one byte per incident in the index's spatial order. A
 * new filter costs a scan of the index (tens of milliseconds at 1M incidents), no per-filter
 * build; the selection is kept for the filter's later pans, zooms and modes (clusters, heat,
 * hexagons, bounds all read it) until the index changes. The viewport is not part of it.
 */
export async function mapSelection(db: Store, filter: ViewFilter): Promise<{ seq: number; selected: FilteredMap }> {
  const view = { ...filter, bbox: undefined };
  const { index, f } = await indexedFilter(db, view);
  const key = `${storeFile(db)}?${filterToSearch(view).toString()}`;
  let selected = selections.get(key);
  if (!selected || selected.main !== index.main || selected.extra !== index.extra) {
    selected = filteredMap(index, f);
    selections.set(key, selected);
  }
  return { seq: index.seq, selected };
}
