import type { Store } from '@/db/store';
import type { ViewFilter } from '@/lib/filters/schema';
import { viewportFeatures, type MapFeature, type Viewport } from '@/lib/map/cluster';
import { mapSelection } from './map-selection';

/** One viewport of clusters and points for a filter, from its selection over the incident index. */
export async function mapClusters(
  db: Store,
  filter: ViewFilter,
  viewport: Viewport,
  zoom: number,
  max: number,
): Promise<{ total: number; seq: number; zoom: number; features: MapFeature[] }> {
  const { seq, selected } = await mapSelection(db, filter);
  return { total: selected.total, seq, ...viewportFeatures(selected, viewport, zoom, max) };
}
