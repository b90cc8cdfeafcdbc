import { CODE_BITS, lowerBound, type SpatialOrder } from './spatial-order';

/**
 * The cells of the map's cluster grid (lib/map/grid-clusters.ts) for a filtered point set: the
 * selected points of a cell's run in the spatial order summed, whole levels kept per filter,
 * and the walk down the cell tree to the cells a viewport touches.
 */
export const LEVEL_SHIFT = 2;
export const CLUSTER_MAX_ZOOM = CODE_BITS - LEVEL_SHIFT;

/** A filtered point set to cluster: the spatial order with a selection, plus points kept beside it. */
export interface ClusterInput {
  order: SpatialOrder;
  /** Per order position: 1 when the point is in the filter. */
  sel: Uint8Array;
  /** Killed per order position (unknown: 0). */
  killed: Float64Array;
  /** Filtered points outside the order (rows changed since it was built); `ref` is theirs to resolve. */
  side: readonly SidePoint[];
  /** Whole-level cells of the selection, made by the first viewport of a coarse zoom (see CACHED_MAX_ZOOM). */
  levels?: Map<number, Agg[]>;
}

/**
 * Up to this zoom a viewport shows much of the frontier, i.e. a pass over many points. The first
 * such viewport of a filter sums every cell of this zoom in that one pass (at most ~33,000 cells
 * over the frontier) and keeps them; every coarser zoom is then made by merging those cells four
 * into one (cells nest), so later pans and zoom steps of the filter only pick cells. Finer zooms
 * sum just the cells in view (a small share of the points).
 */
export const CACHED_MAX_ZOOM = 10;

export interface SidePoint {
  x: number;
  y: number;
  code: number;
  k: number;
  ref: number;
  /** Its stored position (the heat and hexagon cells and the bounds use it exactly). */
  lon: number;
  lat: number;
}

export interface Agg {
  prefix: number;
  n: number;
  sx: number;
  sy: number;
  k: number;
  min: number;
  max: number;
  pos: number;
}

/**
 * Calls `visit(lo, hi, prefix)` for every non-empty cell at `level` whose area meets the rect
 * (cell coordinates cx0…cx1 × cy0…cy1 at that level), in code order.
 */
export function cellsIn(
  codes: Uint32Array,
  level: number,
  cells: { cx0: number; cx1: number; cy0: number; cy1: number },
  visit: (lo: number, hi: number, prefix: number) => void,
): void {
  const walk = (lo: number, hi: number, l: number, prefix: number, cx: number, cy: number) => {
    if (lo >= hi) return;
    const span = 2 ** (level - l);
    if ((cx + 1) * span <= cells.cx0 || cx * span > cells.cx1 || (cy + 1) * span <= cells.cy0 || cy * span > cells.cy1) return;
    if (l === level) return visit(lo, hi, prefix);
    const below = 2 ** (2 * (CODE_BITS - l - 1));
    let start = lo;
    for (let d = 0; d < 4; d++) {
      const child = prefix * 4 + d;
      const end = d === 3 ? hi : lowerBound(codes, start, hi, (child + 1) * below);
      walk(start, end, l + 1, child, cx * 2 + (d & 1), cy * 2 + (d >> 1));
      start = end;
    }
  };
  walk(0, codes.length, 0, 0, 0, 0);
}

/** Inverse of the Morton spread: the even bits of v, packed. */
export function compact(v: number): number {
  v &= 0x55555555;
  v = (v | (v >>> 1)) & 0x33333333;
  v = (v | (v >>> 2)) & 0x0f0f0f0f;
  v = (v | (v >>> 4)) & 0x00ff00ff;
  v = (v | (v >>> 8)) & 0x0000ffff;
  return v;
}

/** The selected points of order positions [lo, hi) (one cell's run) summed; null when none is selected. */
export function sumRun(input: ClusterInput, lo: number, hi: number, prefix: number): Agg | null {
  const { sel, killed } = input;
  const { codes, x, y } = input.order;
  let n = 0;
  let sx = 0;
  let sy = 0;
  let k = 0;
  let first = -1;
  let last = -1;
  for (let j = lo; j < hi; j++) {
    if (sel[j] === 0) continue;
    if (first < 0) first = j;
    last = j;
    n++;
    sx += x[j];
    sy += y[j];
    k += killed[j];
  }
  return n ? { prefix, n, sx, sy, k, min: codes[first], max: codes[last], pos: first } : null;
}

/**
 * Every cell of a level holding selected points, in code order, kept on the input: at the cached
 * zoom one pass over the order; coarser levels merged from the next finer one.
 */
export function levelCells(input: ClusterInput, level: number): Agg[] {
  const cached = input.levels?.get(level);
  if (cached) return cached;
  const out = level === CACHED_MAX_ZOOM + LEVEL_SHIFT ? sumLevel(input, level) : mergeLevel(levelCells(input, level + 1));
  (input.levels ??= new Map()).set(level, out);
  return out;
}

function sumLevel(input: ClusterInput, level: number): Agg[] {
  const { sel, killed } = input;
  const { codes, x, y, n } = input.order;
  const drop = 2 * (CODE_BITS - level);
  const out: Agg[] = [];
  let a: Agg | null = null;
  for (let j = 0; j < n; j++) {
    if (sel[j] === 0) continue;
    const prefix = codes[j] >>> drop;
    if (!a || a.prefix !== prefix) {
      a = { prefix, n: 0, sx: 0, sy: 0, k: 0, min: codes[j], max: 0, pos: j };
      out.push(a);
    }
    a.n++;
    a.sx += x[j];
    a.sy += y[j];
    a.k += killed[j];
    a.max = codes[j];
  }
  return out;
}

/** The cells one level up: runs of four siblings (consecutive in code order) summed into their parent. */
function mergeLevel(cells: readonly Agg[]): Agg[] {
  const out: Agg[] = [];
  let a: Agg | null = null;
  for (const c of cells) {
    const prefix = c.prefix >>> 2;
    if (!a || a.prefix !== prefix) {
      a = { ...c, prefix };
      out.push(a);
      continue;
    }
    a.n += c.n;
    a.sx += c.sx;
    a.sy += c.sy;
    a.k += c.k;
    a.max = c.max;
  }
  return out;
}
