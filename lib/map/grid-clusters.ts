import { finestCell, latY, lngX, xLng, yLat, CODE_BITS } from './spatial-order';
import {
  CACHED_MAX_ZOOM,
  cellsIn,
  CLUSTER_MAX_ZOOM,
  compact,
  LEVEL_SHIFT,
  levelCells,
  sumRun,
  type Agg,
  type ClusterInput,
} from './grid-cells';

export { CLUSTER_MAX_ZOOM, LEVEL_SHIFT };
export type { ClusterInput, SidePoint } from './grid-cells';

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
 * where each cell is a contiguous run, and a filter is one byte per point (`sel`). Coarse zooms
 * pick from the filter's kept cells of their level; finer ones descend the cell tree to the cells
 * in view and sum the selected points of their runs (lib/map/grid-cells.ts).
 */

/** A cluster, or a single point by reference: `pos` ≥ 0 is an order position, < 0 is side point −pos − 1. */
export type GridItem = { t: 'c'; id: number; lon: number; lat: number; n: number; k: number; e: number } | { t: 'p'; pos: number };

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
