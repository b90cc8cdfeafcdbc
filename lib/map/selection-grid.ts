import type { Grid, GridMode } from './aggregate';
import type { GeoBounds } from './bounds';
import { cellAt, CellSums, type PlaneBox } from './cell-sums';
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

/** The cell size of a mode at a zoom, in plane units (as buildGrid uses it). */
export const gridSize = (mode: GridMode, zoom: number) => (mode === 'hex' ? hexSize(zoom) : heatStep(zoom));

/** Order positions [lo, hi) to sum: the runs of the order's cells meeting a box, and that box in the grids' plane. */
export interface Near {
  runs: readonly (readonly [number, number])[];
  box: PlaneBox;
  /** Points the runs hold, selected or not. */
  points: number;
}

/**
 * The runs of the order's cells meeting a box widened by `pad` plane units, i.e. every point
 * that can lie in a cell whose centre is in the box widened by one cell (gridCells' test) when
 * `pad` ≥ two cells: a cell's points are at most one cell size from its centre. Cells are taken
 * at a level a few cells across the box, so the walk stays short and overreads are small; a
 * point read needlessly only makes a cell outside the box, which gridCells drops.
 */
export function runsNear(m: GridSource, view: Viewport, pad: number): Near {
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
  const box = { x0: view.west * PLANE_X - pad, x1: view.east * PLANE_X + pad, y0: view.south - pad, y1: view.north + pad };
  return { runs, box, points };
}

const UNBOUNDED: PlaneBox = { x0: -Infinity, x1: Infinity, y0: -Infinity, y1: Infinity };

/**
 * The grid of one mode and zoom over the selected points of `near` (a viewport's neighbourhood:
 * points outside its box only make cells outside the view, and are skipped), or over every
 * selected point when `near` is null (`bounds`: the selection's box), plus every point of the
 * filter beside the order.
 */
export function selectionGrid(m: GridSource, mode: GridMode, zoom: number, near: Near | null, bounds: GeoBounds | null = null): Grid {
  const z = clampGridZoom(zoom);
  const size = gridSize(mode, z);
  const { sel, killed, side } = m.input;
  const { lon, lat } = m.ordered;
  const whole = !near;
  const box =
    near?.box ?? (bounds ? { x0: bounds.west * PLANE_X, x1: bounds.east * PLANE_X, y0: bounds.south, y1: bounds.north } : UNBOUNDED);
  const sums = new CellSums(mode, size, box);
  const ab = new Int32Array(2);
  let missed = 0;
  const sum = (lo: number, hi: number) => {
    for (let j = lo; j < hi; j++) {
      if (sel[j] === 0) continue;
      cellAt(mode, lon[j], lat[j], size, ab);
      if (!sums.add(ab[0], ab[1], killed[j])) missed++;
    }
  };
  if (near) for (const [lo, hi] of near.runs) sum(lo, hi);
  else sum(0, m.input.order.n);
  for (const p of side) {
    cellAt(mode, p.lon, p.lat, size, ab);
    if (!sums.add(ab[0], ab[1], p.k)) missed++;
  }
  // A whole grid must hold every point: a `bounds` that did not cover them all is not trusted.
  if (whole && missed > 0 && box !== UNBOUNDED) return selectionGrid(m, mode, zoom, null, null);
  return sums.grid(z);
}
