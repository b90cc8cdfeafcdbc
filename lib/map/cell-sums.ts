import { cellCentre, gridOf, type Grid, type GridMode } from './aggregate';
import { hexInto, packCell, PLANE_X } from './grid';

/** A box in the grids' plane (x = lon·cos φ0, y = lat). */
export interface PlaneBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Past this many cells a box's sums go to a map keyed by cell instead of dense arrays (12 bytes a cell). */
const DENSE_MAX = 1 << 21;

/**
 * Integer coordinates (a, b) of the cell holding a plane point, such that packCell(a, b) is its
 * cellKey (lib/map/aggregate.ts): a heat square's column and row, or a hexagon's doubled column
 * 2q + r and row r. Written into `out` (no allocation per point).
 */
export function cellAt(mode: GridMode, lon: number, lat: number, size: number, out: Int32Array): void {
  const x = lon * PLANE_X;
  if (mode === 'hex') {
    hexInto(x, lat, size, out);
    out[0] = 2 * out[0] + out[1];
  } else {
    out[0] = Math.floor(x / size);
    out[1] = Math.floor(lat / size);
  }
}

/** The (a, b) range of every cell a point of the box can fall in (with a margin for the hexagons' rounding). */
function rangeOf(mode: GridMode, box: PlaneBox, size: number) {
  if (mode === 'hex') {
    const col = (x: number) => ((2 * Math.sqrt(3)) / 3) * (x / size);
    const row = (y: number) => ((2 / 3) * y) / size;
    return {
      a0: Math.floor(col(box.x0)) - 4,
      a1: Math.ceil(col(box.x1)) + 4,
      b0: Math.floor(row(box.y0)) - 2,
      b1: Math.ceil(row(box.y1)) + 2,
    };
  }
  return {
    a0: Math.floor(box.x0 / size) - 1,
    a1: Math.floor(box.x1 / size) + 1,
    b0: Math.floor(box.y0 / size) - 1,
    b1: Math.floor(box.y1 / size) + 1,
  };
}

/**
 * Incidents and killed per cell over the cells of a box: dense arrays indexed by (a, b) when the
 * box holds at most DENSE_MAX cells (no hashing per point; cells come out in key order), else a
 * map from key to slot that is asked once per run of points sharing a cell (points in spatial
 * order mostly do). `add` returns false for a point outside the box's cells.
 */
export class CellSums {
  private readonly range;
  private readonly nb: number;
  private readonly dn: Uint32Array | null;
  private readonly dk: Float64Array | null;
  private readonly slot = new Map<number, number>();
  private readonly n: number[] = [];
  private readonly k: number[] = [];
  private lastKey = Number.NaN;
  private last = -1;

  constructor(
    private readonly mode: GridMode,
    private readonly size: number,
    box: PlaneBox,
  ) {
    this.range = rangeOf(mode, box, size);
    this.nb = this.range.b1 - this.range.b0 + 1;
    const cells = (this.range.a1 - this.range.a0 + 1) * this.nb;
    const dense = Number.isFinite(cells) && cells > 0 && cells <= DENSE_MAX;
    this.dn = dense ? new Uint32Array(cells) : null;
    this.dk = dense ? new Float64Array(cells) : null;
  }

  add(a: number, b: number, k: number): boolean {
    const { a0, a1, b0, b1 } = this.range;
    if (a < a0 || a > a1 || b < b0 || b > b1) return false;
    if (this.dn && this.dk) {
      const i = (a - a0) * this.nb + (b - b0);
      this.dn[i] += 1;
      this.dk[i] += k;
      return true;
    }
    const key = packCell(a, b);
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
    return true;
  }

  /** The non-empty cells as a grid of zoom `z` (keys ascending, as buildGrid's). */
  grid(z: number): Grid {
    const { mode, size, dn, dk } = this;
    if (!dn || !dk) return gridOf(mode, z, size, this.slot, this.n, this.k);
    let count = 0;
    for (let i = 0; i < dn.length; i++) if (dn[i] !== 0) count++;
    const g: Grid = {
      mode,
      zoom: z,
      size,
      keys: new Float64Array(count),
      lon: new Float64Array(count),
      lat: new Float64Array(count),
      n: new Float64Array(count),
      k: new Float64Array(count),
    };
    // Index order is a-major, b-minor: packCell's order, so the keys come out sorted.
    let j = 0;
    for (let i = 0; i < dn.length; i++) {
      if (dn[i] === 0) continue;
      const key = packCell(this.range.a0 + Math.floor(i / this.nb), this.range.b0 + (i % this.nb));
      g.keys[j] = key;
      [g.lon[j], g.lat[j]] = cellCentre(mode, key, size);
      g.n[j] = dn[i];
      g.k[j] = dk[i];
      j++;
    }
    return g;
  }
}
