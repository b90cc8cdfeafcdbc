import { storeFile, type Store } from '@/db/store';
import { indexedFilter } from '@/db/queries/incident-index';
import type { ViewFilter } from '@/lib/filters/schema';
import { viewportFeatures, type MapFeature, type Viewport } from '@/lib/map/cluster';
import { filteredMap, type FilteredMap } from '@/lib/map/index-clusters';
import { Lru } from '@/lib/map/lru';
import { processSingleton } from '@/lib/registry';
import { filterToSearch } from '@/lib/validation/incident-filter';

/** Filters whose selection is kept (1 byte per incident each): the dashboard's recent filters. */
const SELECTIONS = 8;
const selections = processSingleton('mapSelections', () => new Lru<string, FilteredMap>(SELECTIONS));

/**
 * One viewport of clusters and points for a filter, from the in-memory incident index (caught up
 * with every write first, so new incidents show at once). A new filter costs a scan of the index
 * and a gather through its spatial order (tens of milliseconds at 1M incidents), no per-filter
 * build; the selection is kept for the filter's later pans until the index changes.
 */
export async function mapClusters(
  db: Store,
  filter: ViewFilter,
  viewport: Viewport,
  zoom: number,
  max: number,
): Promise<{ total: number; seq: number; zoom: number; features: MapFeature[] }> {
  const view = { ...filter, bbox: undefined };
  const { index, f } = await indexedFilter(db, view);
  const key = `${storeFile(db)}?${filterToSearch(view).toString()}`;
  let selected = selections.get(key);
  if (!selected || selected.main !== index.main || selected.extra !== index.extra) {
    selected = filteredMap(index, f);
    selections.set(key, selected);
  }
  return { total: selected.total, seq: index.seq, ...viewportFeatures(selected, viewport, zoom, max) };
}
