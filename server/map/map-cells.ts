import { buildGrid, viewportCells, type Cell, type Grid, type GridMode, type HeatWeight } from '@/lib/map/aggregate';
import type { MapPoint, Viewport } from '@/lib/map/cluster';
import { clampGridZoom } from '@/lib/map/grid';
import { Lru } from '@/lib/map/lru';
import type { MapView } from './map-view';

/**
 * Grids kept per filter: a pan reuses its zoom's grid, and a zoom step builds one in a single pass
 * over the filter's points (a few milliseconds per 100k, on this thread; no worker round trip is
 * worth it). Bounded, because a fine grid at 100k points holds up to 100k cells; 12 covers one
 * mode's zooms 5–11 with room (6 did not: a session zooming across seven levels rebuilt
 * grids on nearly every request, p95 159 ms at 100k in the bench).
 */
const GRIDS_PER_FILTER = 12;
const grids = new WeakMap<readonly MapPoint[], Lru<string, Grid>>();

/**
 * Keyed by the filter index's point array: it outlives the index's updates by new incidents
 * (those are added per request, like the clusters' extra points) and goes when the index does.
 */
function gridAt(points: readonly MapPoint[], mode: GridMode, zoom: number): Grid {
  let cache = grids.get(points);
  if (!cache) grids.set(points, (cache = new Lru(GRIDS_PER_FILTER)));
  const key = `${mode}:${clampGridZoom(zoom)}`;
  let grid = cache.get(key);
  if (!grid) cache.set(key, (grid = buildGrid(points, mode, zoom)));
  return grid;
}

/** Heat or hexagon cells of one viewport, from the filter's cached map index. */
export function mapViewportCells(
  view: MapView,
  mode: GridMode,
  viewport: Viewport,
  zoom: number,
  weight: HeatWeight,
): { zoom: number; size: number; cells: Cell[] } {
  const points = view.points;
  return viewportCells((z) => gridAt(points, mode, z), view.extra, viewport, zoom, weight);
}
