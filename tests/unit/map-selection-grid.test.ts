import { describe, expect, it } from 'vitest';
import { buildGrid, viewportCells, type Cell, type GridMode, type HeatWeight } from '@/lib/map/aggregate';
import { boundsOf } from '@/lib/map/bounds';
import type { MapPoint, Viewport } from '@/lib/map/cluster';
import type { SidePoint } from '@/lib/map/grid-cells';
import { selectionBounds } from '@/lib/map/selection-bounds';
import { gridSize, runsNear, selectionGrid, type GridSource } from '@/lib/map/selection-grid';
import { buildSpatialOrder, finestCell, latY, lngX, morton } from '@/lib/map/spatial-order';
import { Rng } from '@/lib/demo/prng';

/** Points around a few towns (some stacked on one spot, some spread over the frontier), a few far away. */
function points(rng: Rng, n: number): MapPoint[] {
  const towns = [
    [71.578, 34.008],
    [70.604, 32.985],
    [67.001, 30.184],
    [68.778, 37.837],
    [-3.7, 40.4],
  ];
  return Array.from({ length: n }, (_, i) => {
    const [lon, lat] = towns[rng.int(0, towns.length - 1)];
    const spread = [0, 0.0005, 0.05, 2, 12][rng.int(0, 4)];
    return {
      id: i + 1,
      lon: Math.max(-180, Math.min(180, lon + (rng.float() - 0.5) * spread)),
      lat: Math.max(-90, Math.min(90, lat + (rng.float() - 0.5) * spread)),
      g: 'ttp',
      k: rng.chance(0.2) ? null : rng.int(0, 9),
      i: null,
      x: false,
    };
  });
}

/** A selection of `inOrder` (a random subset selected) with `beside` as points kept beside the order. */
function source(rng: Rng, inOrder: MapPoint[], beside: MapPoint[]): { src: GridSource; selected: MapPoint[] } {
  const order = buildSpatialOrder(
    Float64Array.from(inOrder, (p) => p.lon),
    Float64Array.from(inOrder, (p) => p.lat),
    inOrder.length,
  );
  const sel = new Uint8Array(order.n);
  const selected: MapPoint[] = [...beside];
  const lon = new Float64Array(order.n);
  const lat = new Float64Array(order.n);
  const killed = new Float64Array(order.n);
  for (let j = 0; j < order.n; j++) {
    const p = inOrder[order.rows[j]];
    [lon[j], lat[j], killed[j]] = [p.lon, p.lat, p.k ?? 0];
    if (rng.chance(0.6)) {
      sel[j] = 1;
      selected.push(p);
    }
  }
  const side: SidePoint[] = beside.map((p, ref) => {
    const [x, y] = [lngX(p.lon), latY(p.lat)];
    return { x, y, code: morton(finestCell(x), finestCell(y)), k: p.k ?? 0, ref, lon: p.lon, lat: p.lat };
  });
  return { src: { input: { order, sel, killed, side }, ordered: { lon, lat } }, selected };
}

const byPlace = (a: Cell, b: Cell) => a[0] - b[0] || a[1] - b[1];

describe('heat and hexagon grids over a selection', () => {
  it('equal buildGrid over the selected points, for whole-order and viewport-runs grids', () => {
    const rng = new Rng(21);
    const { src, selected } = source(rng, points(rng, 5000), points(rng, 40));
    // Whole grids sum into dense arrays over the selection's box (or a map past DENSE_MAX cells).
    const box = boundsOf(selected);
    let viewRuns = 0;
    for (let t = 0; t < 150; t++) {
      const zoom = rng.int(0, 16);
      const west = 60 + rng.float() * 12;
      const south = 26 + rng.float() * 10;
      const width = rng.float() * 2 ** (7 - Math.min(zoom, 12));
      const view: Viewport = { west, south, east: Math.min(180, west + width), north: Math.min(90, south + width * 0.6) };
      const mode: GridMode = rng.chance(0.5) ? 'hex' : 'heat';
      const weight: HeatWeight = rng.chance(0.5) ? 'killed' : 'count';
      const want = viewportCells((z) => buildGrid(selected, mode, z), [], view, zoom, weight);
      const whole = viewportCells((z) => selectionGrid(src, mode, z, null, box), [], view, zoom, weight);
      const unbounded = viewportCells((z) => selectionGrid(src, mode, z, null), [], view, zoom, weight);
      const local = viewportCells((z) => selectionGrid(src, mode, z, runsNear(src, view, 2.5 * gridSize(mode, z))), [], view, zoom, weight);
      const at = `${mode}/${weight} z${zoom} ${JSON.stringify(view)}`;
      expect(whole, at).toEqual(want);
      expect(unbounded, at).toEqual(want);
      expect({ ...local, cells: [...local.cells].sort(byPlace) }, at).toEqual({ ...want, cells: [...want.cells].sort(byPlace) });
      if (runsNear(src, view, 2.5 * gridSize(mode, zoom)).points < src.input.order.n / 4) viewRuns++;
    }
    // The viewport runs were a real subset of the order in many of the cases, not the whole of it.
    expect(viewRuns).toBeGreaterThan(40);
  });

  it('reads no point far from the viewport', () => {
    const rng = new Rng(5);
    const { src } = source(rng, points(rng, 3000), []);
    const view = { west: 67.0, south: 30.18, east: 67.01, north: 30.19 };
    const { runs, points: read } = runsNear(src, view, 0.001);
    expect(read).toBe(runs.reduce((s, [lo, hi]) => s + hi - lo, 0));
    expect(read).toBeLessThan(src.input.order.n / 5);
  });
});

describe('whole grids over a wrong box', () => {
  it('still hold every point (a box that misses some is not trusted)', () => {
    const rng = new Rng(13);
    const { src, selected } = source(rng, points(rng, 800), []);
    const tooSmall = { west: 70, south: 32, east: 71, north: 33 };
    for (const mode of ['heat', 'hex'] as const)
      for (const z of [4, 9, 14])
        expect(selectionGrid(src, mode, z, null, tooSmall), `${mode} z${z}`).toEqual(buildGrid(selected, mode, z));
  });
});

describe('bounds of a selection', () => {
  it('equal the box of the selected points, or null when none is selected', () => {
    const rng = new Rng(8);
    const { src, selected } = source(rng, points(rng, 2000), points(rng, 5));
    expect(selectionBounds(src)).toEqual(boundsOf(selected));
    src.input.sel.fill(0);
    const besideOnly = source(new Rng(8), [], points(new Rng(9), 3));
    expect(selectionBounds(besideOnly.src)).toEqual(boundsOf(besideOnly.selected));
    expect(selectionBounds({ ...src, input: { ...src.input, side: [] } })).toBeNull();
  });
});
