import { CODE_BITS, finestCell, latY, lngX, lowerBound, xLng, yLat, type SpatialOrder } from './spatial-order';

/**
 * The map's clusters, defined exactly: at zoom z (0 … CLUSTER_MAX_ZOOM) the Web Mercator square is
 * cut into 2^(z+LEVEL_SHIFT) × 2^(z+LEVEL_SHIFT) cells (64 screen pixels each), and a cluster is
 * every incident of the filter in one cell: its count and killed are those incidents' exact sums,
 * its position their mean Mercator position, and `e` the first zoom at which they fall into more
 * than one cell. A cell holding one incident is drawn as that incident. Past CLUSTER_MAX_ZOOM
 * every incident is a point. Cells nest from zoom to zoom, so counts always add up to the
 * filter's total and a cluster splits exactly into the clusters of the next zoom.
 *
 * Nothing is built per filter: the points are kept in one spatial order (lib/map/spatial-order.ts)
 * where each cell is a contiguous run, and a filter is one byte per point (`sel`). A viewport
 * descends the cell tree to the cells it touches and sums the selected points of their runs.
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
 * Up to this zoom a viewport shows most of the frontier, i.e. a pass over most points: the first
 * one sums every cell of the level (the same pass) and keeps them, so later pans and zooms of the
 * filter only pick cells (a few thousand at most over the frontier). Finer zooms sum just the
 * cells in view.
 */
const CACHED_MAX_ZOOM = 9;

export interface SidePoint {
  x: number;
  y: number;
  code: number;
  k: number;
  ref: number;
}

/** A cluster, or a single point by reference: `pos` ≥ 0 is an order position, < 0 is side point −pos − 1. */
export type GridItem = { t: 'c'; id: number; lon: number; lat: number; n: number; k: number; e: number } | { t: 'p'; pos: number };

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

/** The bbox in Mercator space. */
interface Rect {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const rectOf = (v: { west: number; south: number; east: number; north: number }): Rect => ({
  x0: lngX(v.west),
  x1: lngX(v.east),
  y0: latY(v.north),
  y1: latY(v.south),
});
const inRect = (r: Rect, x: number, y: number) => x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1;

/**
 * Calls `visit(lo, hi, prefix)` for every non-empty cell at `level` whose area meets the rect
 * (cell coordinates cx0…cx1 × cy0…cy1 at that level), in code order.
 */
function cellsIn(
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

function cellRange(rect: Rect, level: number) {
  const cell = (v: number) => finestCell(v) >>> (CODE_BITS - level);
  return { cx0: cell(rect.x0), cx1: cell(rect.x1), cy0: cell(rect.y0), cy1: cell(rect.y1) };
}

/** The first zoom at which codes `min` and `max` lie in different cells (CLUSTER_MAX_ZOOM + 1 if never). */
export function splitZoom(min: number, max: number): number {
  const diff = (min ^ max) >>> 0;
  if (diff === 0) return CLUSTER_MAX_ZOOM + 1;
  const equalDigits = CODE_BITS - 1 - Math.floor((31 - Math.clz32(diff)) / 2);
  return Math.min(equalDigits + 1 - LEVEL_SHIFT, CLUSTER_MAX_ZOOM + 1);
}

/** Inverse of the Morton spread: the even bits of v, packed. */
function compact(v: number): number {
  v &= 0x55555555;
  v = (v | (v >>> 1)) & 0x33333333;
  v = (v | (v >>> 2)) & 0x0f0f0f0f;
  v = (v | (v >>> 4)) & 0x00ff00ff;
  v = (v | (v >>> 8)) & 0x0000ffff;
  return v;
}

/** The selected points of order positions [lo, hi) (one cell's run) summed; null when none is selected. */
function sumRun(input: ClusterInput, lo: number, hi: number, prefix: number): Agg | null {
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

/** Every cell of a level holding selected points, in code order: one pass over the order, kept on the input. */
function levelCells(input: ClusterInput, level: number): Agg[] {
  const cached = input.levels?.get(level);
  if (cached) return cached;
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
  (input.levels ??= new Map()).set(level, out);
  return out;
}

/** Clusters and single points of the cells meeting the viewport at one zoom ≤ CLUSTER_MAX_ZOOM. */
function clustersAt(input: ClusterInput, rect: Rect, zoom: number): GridItem[] {
  const level = zoom + LEVEL_SHIFT;
  const drop = 2 * (CODE_BITS - level);
  const { codes } = input.order;
  const cells = cellRange(rect, level);
  const found = new Map<number, Agg>();
  const list: Agg[] = [];
  const add = (a: Agg) => {
    found.set(a.prefix, a);
    list.push(a);
  };
  if (zoom <= CACHED_MAX_ZOOM) {
    for (const a of levelCells(input, level)) {
      const cx = compact(a.prefix);
      const cy = compact(a.prefix >>> 1);
      if (cx >= cells.cx0 && cx <= cells.cx1 && cy >= cells.cy0 && cy <= cells.cy1) add({ ...a });
    }
  } else
    cellsIn(codes, level, cells, (lo, hi, prefix) => {
      const a = sumRun(input, lo, hi, prefix);
      if (a) add(a);
    });
  input.side.forEach((p, s) => {
    const cx = finestCell(p.x) >>> (CODE_BITS - level);
    const cy = finestCell(p.y) >>> (CODE_BITS - level);
    if (cx < cells.cx0 || cx > cells.cx1 || cy < cells.cy0 || cy > cells.cy1) return;
    const prefix = drop >= 32 ? 0 : p.code >>> drop;
    let a = found.get(prefix);
    if (!a) {
      found.set(prefix, (a = { prefix, n: 0, sx: 0, sy: 0, k: 0, min: p.code, max: p.code, pos: -s - 1 }));
      list.push(a);
    }
    a.n++;
    a.sx += p.x;
    a.sy += p.y;
    a.k += p.k;
    a.min = Math.min(a.min, p.code);
    a.max = Math.max(a.max, p.code);
  });
  const out: GridItem[] = [];
  for (const a of list) {
    const cx = a.sx / a.n;
    const cy = a.sy / a.n;
    if (!inRect(rect, cx, cy)) continue;
    if (a.n === 1) out.push({ t: 'p', pos: a.pos });
    else out.push({ t: 'c', id: a.prefix * 32 + level, lon: xLng(cx), lat: yLat(cy), n: a.n, k: a.k, e: splitZoom(a.min, a.max) });
  }
  return out;
}

/** Every selected point in the viewport, stopping once there are more than `max`. */
function pointsIn(input: ClusterInput, rect: Rect, max: number): GridItem[] {
  const { codes, x, y } = input.order;
  const out: GridItem[] = [];
  cellsIn(codes, CODE_BITS, cellRange(rect, CODE_BITS), (lo, hi) => {
    for (let j = lo; j < hi && out.length <= max; j++) if (input.sel[j] && inRect(rect, x[j], y[j])) out.push({ t: 'p', pos: j });
  });
  input.side.forEach((p, s) => {
    if (out.length <= max && inRect(rect, p.x, p.y)) out.push({ t: 'p', pos: -s - 1 });
  });
  return out;
}

/**
 * Clusters and points inside the viewport, never more than `max`: when a dense view would exceed
 * it, clusters are taken from a coarser zoom instead. Returns the zoom used.
 */
export function gridViewport(
  input: ClusterInput,
  view: { west: number; south: number; east: number; north: number },
  zoom: number,
  max: number,
): { zoom: number; items: GridItem[] } {
  const rect = rectOf(view);
  let z = Math.max(0, Math.min(Math.floor(zoom), CLUSTER_MAX_ZOOM + 1));
  const at = (level: number) => (level > CLUSTER_MAX_ZOOM ? pointsIn(input, rect, max) : clustersAt(input, rect, level));
  let items = at(z);
  while (items.length > max && z > 0) items = at(--z);
  return { zoom: z, items: items.slice(0, Math.max(0, max)) };
}
