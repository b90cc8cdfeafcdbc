import { cellKey, gridOf, type Grid, type GridMode } from './aggregate';
import type { Viewport } from './cluster';
import { clampGridZoom, heatStep, hexSize, PLANE_X } from './grid';
import { cellsIn } from './grid-cells';
import type { FilteredMap } from './index-clusters';
import { CODE_BITS, finestCell, latY, lngX } from './spatial-order';

/**
 * The heat and hexagon grids (lib/map/aggregate.ts) of a filter's selection over the incident
 * index's spatial order, with no point list per filter: a pass over the selected points of the
 * whole order, or only over the runs of the order's cells that meet a viewport. The cells are
 * those of `buildGrid` over the same points, key for key (the same `cellKey`, the same sums).
 */

/** A selection over the spatial order with each position's exact coordinates (FilteredMap; tests build their own). */
export type GridSource = Pick<FilteredMap, 'input' | 'ordered'>;

/** Cell sums by key, in one pass; consecutive points in the spatial order mostly share a cell, so the map is asked once per run of them. */
class Sums {
  readonly slot = new Map<number, number>();
  readonly n: number[] = [];
  readonly k: number[] = [];
  private lastKey = Number.NaN;
  private last = -1;

  add(key: number, k: number): void {
    if (key !== this.lastKey) {
      let i = this.slot.get(key);
      if (i === undefined) {
        i = this.n.length;
        this.slot.set(key, i);
        this.n.push(0);
        this.k.push(0);
      }
      this.lastKey = key;
      this.last = i;
    }
    this.n[this.last] += 1;
    this.k[this.last] += k;
  }
}

/** The cell size of a mode at a zoom, in plane units (as buildGrid uses it). */
export const gridSize = (mode: GridMode, zoom: number) => (mode === 'hex' ? hexSize(zoom) : heatStep(zoom));

/** Order positions [lo, hi) to sum: the whole order, or the runs of the cells meeting a box. */
export type Runs = readonly (readonly [number, number])[];

/**
 * The runs of the order's cells meeting a box widened by `pad` plane units, i.e. every point
 * that can lie in a cell whose centre is in the box widened by one cell (gridCells' test) when
 * `pad` ≥ two cells: a cell's points are at most one cell size from its centre. Cells are taken
 * at a level a few cells across the box, so the walk stays short and overreads are small; a
 * point read needlessly only makes a cell outside the box, which gridCells drops.
 * Also returns how many points (selected or not) the runs hold.
 */
export function runsNear(m: GridSource, view: Viewport, pad: number): { runs: Runs; points: number } {
  const clampLon = (v: number) => Math.max(-180, Math.min(180, v));
  const clampLat = (v: number) => Math.max(-90, Math.min(90, v));
  const x0 = lngX(clampLon(view.west - pad / PLANE_X));
  const x1 = lngX(clampLon(view.east + pad / PLANE_X));
  const y0 = latY(clampLat(view.north + pad));
  const y1 = latY(clampLat(view.south - pad));
  const span = Math.max(x1 - x0, y1 - y0, 2 ** -CODE_BITS);
  const level = Math.max(0, Math.min(CODE_BITS, Math.floor(Math.log2(4 / span))));
  const cell = (v: number) => finestCell(v) >>> (CODE_BITS - level);
  const runs: [number, number][] = [];
  let points = 0;
  cellsIn(m.input.order.codes, level, { cx0: cell(x0), cx1: cell(x1), cy0: cell(y0), cy1: cell(y1) }, (lo, hi) => {
    const prev = runs[runs.length - 1];
    if (prev && prev[1] === lo) prev[1] = hi;
    else runs.push([lo, hi]);
    points += hi - lo;
  });
  return { runs, points };
}

/**
 * The grid of one mode and zoom over the selected points of `runs` (all of the order when
 * null) and every point of the filter beside the order.
 */
export function selectionGrid(m: GridSource, mode: GridMode, zoom: number, runs: Runs | null): Grid {
  const z = clampGridZoom(zoom);
  const size = gridSize(mode, z);
  const { sel, killed, side } = m.input;
  const { lon, lat } = m.ordered;
  const sums = new Sums();
  const sum = (lo: number, hi: number) => {
    for (let j = lo; j < hi; j++) if (sel[j] !== 0) sums.add(cellKey(mode, lon[j], lat[j], size), killed[j]);
  };
  if (runs) for (const [lo, hi] of runs) sum(lo, hi);
  else sum(0, m.input.order.n);
  for (const p of side) sums.add(cellKey(mode, p.lon, p.lat, size), p.k);
  return gridOf(mode, z, size, sums.slot, sums.n, sums.k);
}
