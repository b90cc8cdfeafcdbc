import type { MapPoint, Viewport } from './cluster';
import { clampGridZoom, GRID_MIN_ZOOM, heatStep, hexCentre, hexOf, hexSize, packCell, PLANE_X, unpackCell } from './grid';

/** How the map draws incidents: server clusters (the default), a heat map, or counted hexagons. */
export const MAP_MODES = ['clusters', 'heat', 'hex'] as const;
export type MapMode = (typeof MAP_MODES)[number];
/** What a heat map sums: incidents, or people killed. */
export const HEAT_WEIGHTS = ['count', 'killed'] as const;
export type HeatWeight = (typeof HEAT_WEIGHTS)[number];
export type GridMode = Exclude<MapMode, 'clusters'>;

/** Cells per response at most; a denser view is answered from a coarser zoom (as clusters are). */
export const MAX_CELLS: Record<GridMode, number> = { heat: 6000, hex: 1500 };

/** One aggregated cell: centre longitude, centre latitude, incidents, killed. */
export type Cell = [lon: number, lat: number, n: number, k: number];

/** Every non-empty cell of one mode at one zoom, over a filter's points, ordered by centre longitude. */
export interface Grid {
  mode: GridMode;
  zoom: number;
  /** Hexagon circumradius, or heat cell side, in plane units (lib/map/grid.ts). */
  size: number;
  keys: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  n: Float64Array;
  k: Float64Array;
}

const valid = (p: MapPoint) => Number.isFinite(p.lon) && Number.isFinite(p.lat) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180;

/**
 * The cell key of a position (a hexagon, or a square of the heat grid). Its first packed number
 * is a column whose centre x grows with it (a hexagon's doubled column 2q + r), so sorting keys
 * as numbers orders cells by longitude: no comparator sort over 100k cells.
 */
export function cellKey(mode: GridMode, lon: number, lat: number, size: number): number {
  const x = lon * PLANE_X;
  if (mode === 'hex') {
    const [q, r] = hexOf(x, lat, size);
    return packCell(2 * q + r, r);
  }
  return packCell(Math.floor(x / size), Math.floor(lat / size));
}

/** Centre of a cell in degrees: [lon, lat]. */
export function cellCentre(mode: GridMode, key: number, size: number): [number, number] {
  const [a, b] = unpackCell(key);
  const [x, y] = mode === 'hex' ? hexCentre((a - b) / 2, b, size) : [(a + 0.5) * size, (b + 0.5) * size];
  return [x / PLANE_X, y];
}

/**
 * Sums points into cells in one pass (unknown casualties count as 0 killed), then orders the
 * cells by centre longitude so that a viewport reads only its own strip of them.
 */
export function buildGrid(points: readonly MapPoint[], mode: GridMode, zoom: number): Grid {
  const z = clampGridZoom(zoom);
  const size = mode === 'hex' ? hexSize(z) : heatStep(z);
  const slot = new Map<number, number>();
  const n: number[] = [];
  const k: number[] = [];
  for (const p of points) {
    if (!valid(p)) continue;
    const key = cellKey(mode, p.lon, p.lat, size);
    let i = slot.get(key);
    if (i === undefined) {
      i = n.length;
      slot.set(key, i);
      n.push(0);
      k.push(0);
    }
    n[i] += 1;
    k[i] += p.k ?? 0;
  }
  return gridOf(mode, z, size, slot, n, k);
}

/**
 * A grid from its cells' sums: `slot` maps each cell key to its index in `n` and `k`. The keys are
 * sorted as numbers (by column, so by centre longitude) and each cell gets its centre.
 */
export function gridOf(
  mode: GridMode,
  z: number,
  size: number,
  slot: ReadonlyMap<number, number>,
  n: readonly number[],
  k: readonly number[],
): Grid {
  const keys = Float64Array.from(slot.keys()).sort();
  const grid: Grid = {
    mode,
    zoom: z,
    size,
    keys,
    lon: new Float64Array(keys.length),
    lat: new Float64Array(keys.length),
    n: new Float64Array(keys.length),
    k: new Float64Array(keys.length),
  };
  keys.forEach((key, j) => {
    const i = slot.get(key) ?? 0;
    [grid.lon[j], grid.lat[j]] = cellCentre(mode, key, size);
    grid.n[j] = n[i];
    grid.k[j] = k[i];
  });
  return grid;
}

/** First index whose value is ≥ v in an ascending array. */
function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const round = (v: number) => Math.round(v * 1e5) / 1e5;

/**
 * Cells of a grid whose centre lies in the viewport (widened by one cell, so edge cells are
 * whole), with the points created since the grid was built added in. Null past `max`.
 */
export function gridCells(
  grid: Grid,
  extra: readonly MapPoint[],
  view: Viewport,
  max: number,
  weight: HeatWeight = 'count',
): Cell[] | null {
  const added = new Map<number, [number, number]>();
  for (const p of extra) {
    if (!valid(p)) continue;
    const key = cellKey(grid.mode, p.lon, p.lat, grid.size);
    const a = added.get(key) ?? [0, 0];
    added.set(key, [a[0] + 1, a[1] + (p.k ?? 0)]);
  }
  const padLat = grid.size;
  const padLon = grid.size / PLANE_X;
  const inView = (lon: number, lat: number) =>
    lon >= view.west - padLon && lon <= view.east + padLon && lat >= view.south - padLat && lat <= view.north + padLat;
  const dropEmpty = grid.mode === 'heat' && weight === 'killed';
  const out: Cell[] = [];
  const push = (lon: number, lat: number, n: number, k: number) => {
    if (dropEmpty && k <= 0) return true;
    if (!inView(lon, lat)) return true;
    out.push([round(lon), round(lat), n, k]);
    return out.length <= max;
  };
  const end = lowerBound(grid.lon, view.east + padLon + 1e-9);
  for (let i = lowerBound(grid.lon, view.west - padLon); i < end; i++) {
    const a = added.size ? added.get(grid.keys[i]) : undefined;
    if (a) added.delete(grid.keys[i]);
    if (!push(grid.lon[i], grid.lat[i], grid.n[i] + (a?.[0] ?? 0), grid.k[i] + (a?.[1] ?? 0))) return null;
  }
  // Points in cells the grid did not have, and in grid cells outside the strip (dropped by inView).
  for (const [key, [n, k]] of added) {
    const [lon, lat] = cellCentre(grid.mode, key, grid.size);
    if (!push(lon, lat, n, k)) return null;
  }
  return out;
}

/**
 * The cells of a viewport, never more than the mode's maximum: when a dense view exceeds it, the
 * grid of a coarser zoom answers. `gridAt` returns (and may cache) the grid for a zoom.
 */
export function viewportCells(
  gridAt: (zoom: number) => Grid,
  extra: readonly MapPoint[],
  view: Viewport,
  zoom: number,
  weight: HeatWeight = 'count',
  max?: number,
): { zoom: number; size: number; cells: Cell[] } {
  for (let z = clampGridZoom(zoom); ; z--) {
    const grid = gridAt(z);
    const cells = gridCells(grid, extra, view, max ?? MAX_CELLS[grid.mode], weight);
    if (cells) return { zoom: z, size: grid.size, cells };
    if (z <= GRID_MIN_ZOOM) return { zoom: z, size: grid.size, cells: [] };
  }
}
