import type { Store } from '@/db/store';
import type { ViewFilter } from '@/lib/filters/schema';
import { viewportCells, type Cell, type Grid, type GridMode, type HeatWeight } from '@/lib/map/aggregate';
import type { Viewport } from '@/lib/map/cluster';
import { clampGridZoom } from '@/lib/map/grid';
import type { FilteredMap } from '@/lib/map/index-clusters';
import { Lru } from '@/lib/map/lru';
import { gridSize, runsNear, selectionGrid } from '@/lib/map/selection-grid';
import { selectionBox } from './map-bounds';
import { mapSelection } from './map-selection';

/**
 * Whole grids kept per selection: a pan reuses its zoom's grid. 12 covers both modes' usual
 * zooms with room (6 did not: a session zooming across seven levels rebuilt grids on nearly
 * every request). Bounded, because a fine grid can hold a cell per incident.
 */
const GRIDS_PER_FILTER = 12;
const grids = new WeakMap<FilteredMap, Lru<string, Grid>>();

/**
 * A viewport whose neighbourhood holds less than this share of the index's points is summed from
 * its own runs of the spatial order and not kept (a pass over at most half the points into dense
 * per-cell arrays: a few milliseconds at 1M, and no grid of a fine zoom over the whole data, which
 * can hold a cell per incident); a wider one sums the zoom's whole grid in one pass over the order
 * and keeps it for the pans. In the bench's all-time sweep (zooms 5–11) zooms 5–9 keep whole
 * grids and 10–11 read their own runs (1/4 kept zoom 10's too: its first builds set the p95).
 */
const LOCAL_SHARE = 1 / 2;
/** How far around the viewport points are read, in cells: a cell's points lie within one cell size of its centre, and gridCells keeps centres up to one cell outside the view. */
const PAD_CELLS = 2.5;

function gridAt(selected: FilteredMap, mode: GridMode, zoom: number, viewport: Viewport): Grid {
  let cache = grids.get(selected);
  if (!cache) grids.set(selected, (cache = new Lru(GRIDS_PER_FILTER)));
  const key = `${mode}:${clampGridZoom(zoom)}`;
  const kept = cache.get(key);
  if (kept) return kept;
  const near = runsNear(selected, viewport, PAD_CELLS * gridSize(mode, zoom));
  if (near.points < LOCAL_SHARE * selected.input.order.n) return selectionGrid(selected, mode, zoom, near);
  const grid = selectionGrid(selected, mode, zoom, null, selectionBox(selected));
  cache.set(key, grid);
  return grid;
}

/**
 * Heat or hexagon cells of one viewport for a filter, from the same selection over the incident
 * index as its clusters (server/map/map-selection.ts): no point list per filter.
 */
export async function mapViewportCells(
  db: Store,
  filter: ViewFilter,
  mode: GridMode,
  viewport: Viewport,
  zoom: number,
  weight: HeatWeight,
): Promise<{ total: number; seq: number; zoom: number; size: number; cells: Cell[] }> {
  const { seq, selected } = await mapSelection(db, filter);
  const cells = viewportCells((z) => gridAt(selected, mode, z, viewport), [], viewport, zoom, weight);
  return { total: selected.total, seq, ...cells };
}
