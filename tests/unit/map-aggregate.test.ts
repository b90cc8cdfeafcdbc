import { describe, expect, it } from 'vitest';
import { buildGrid, cellKey, gridCells, MAX_CELLS, viewportCells, type GridMode } from '@/lib/map/aggregate';
import type { MapPoint } from '@/lib/map/cluster';
import { HEX_NEIGHBOURS, hexCentre, hexCorners, hexOf, hexSize, PLANE_X, unpackCell } from '@/lib/map/grid';

const WORLD = { west: -180, south: -90, east: 180, north: 90 };

/** Deterministic points around frontier towns (an LCG, no Math.random). */
function points(n: number, seed = 11): MapPoint[] {
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const towns = [
    [71.578, 34.008],
    [70.604, 32.985],
    [67.001, 30.184],
    [68.778, 37.837],
    [62.325, 25.122],
  ];
  return Array.from({ length: n }, (_, i) => {
    const [lon, lat] = towns[i % towns.length];
    return {
      id: i + 1,
      lon: lon + (rnd() - 0.5) * 3,
      lat: lat + (rnd() - 0.5) * 3,
      g: 'ttp',
      k: i % 5 === 0 ? null : i % 7,
      i: 0,
      x: false,
    };
  });
}
const killed = (ps: MapPoint[]) => ps.reduce((s, p) => s + (p.k ?? 0), 0);
const sum = (cells: number[][], i: number) => cells.reduce((s, c) => s + c[i], 0);

describe('grid aggregation', () => {
  const ps = points(5000);
  for (const mode of ['heat', 'hex'] as GridMode[]) {
    it(`${mode}: counts and killed add up to the filter's totals at every zoom`, () => {
      for (const zoom of [0, 3, 5, 8, 11, 16]) {
        const grid = buildGrid(ps, mode, zoom);
        // Ordered by centre longitude: viewports read their strip by binary search.
        expect(grid.lon.every((v, i) => i === 0 || v >= grid.lon[i - 1])).toBe(true);
        const cells = gridCells(grid, [], WORLD, Infinity)!;
        expect(sum(cells, 2)).toBe(ps.length);
        expect(sum(cells, 3)).toBe(killed(ps));
        expect(new Set(cells.map((c) => `${c[0]},${c[1]}`)).size).toBe(cells.length);
      }
    });
  }

  it('adds points created after the build into their cells (or new ones)', () => {
    const base = ps.slice(0, 4000);
    const extra = [...ps.slice(4000), { id: 9e6, lon: 10, lat: 10, g: 'x', k: 3, i: null, x: false }];
    const cells = gridCells(buildGrid(base, 'hex', 6), extra, WORLD, Infinity)!;
    expect(sum(cells, 2)).toBe(ps.length + 1);
    expect(sum(cells, 3)).toBe(killed(ps) + 3);
  });

  it('heat weighted by killed leaves out cells with no one killed, and keeps every death', () => {
    const cells = gridCells(buildGrid(ps, 'heat', 9), [], WORLD, Infinity, 'killed')!;
    expect(cells.every((c) => c[3] > 0)).toBe(true);
    expect(sum(cells, 3)).toBe(killed(ps));
  });

  it('keeps a viewport to its cells and falls back to a coarser zoom past the maximum', () => {
    const view = { west: 69, south: 31, east: 73, north: 36 };
    const r = viewportCells((z) => buildGrid(ps, 'hex', z), [], view, 12);
    expect(r.cells.length).toBeLessThanOrEqual(MAX_CELLS.hex);
    for (const [lon, lat] of r.cells) {
      expect(lon).toBeGreaterThan(view.west - 1);
      expect(lat).toBeLessThan(view.north + 1);
    }
    const small = viewportCells((z) => buildGrid(ps, 'heat', z), [], WORLD, 12, 'count', 20);
    expect(small.zoom).toBeLessThan(12);
    expect(small.cells.length).toBeLessThanOrEqual(20);
    expect(sum(small.cells, 2)).toBe(ps.length);
  });
});

describe('hexagon geometry', () => {
  it('puts each point in the hexagon whose centre is nearest (the SQL oracle uses this)', () => {
    for (const zoom of [4, 7, 10]) {
      const size = hexSize(zoom);
      for (const p of points(500, zoom)) {
        const x = p.lon * PLANE_X;
        const [col, r] = unpackCell(cellKey('hex', p.lon, p.lat, size));
        const q = (col - r) / 2;
        const [cx, cy] = hexCentre(q, r, size);
        const d = Math.hypot(x - cx, p.lat - cy);
        for (const [dq, dr] of HEX_NEIGHBOURS) {
          const [nx, ny] = hexCentre(q + dq, r + dr, size);
          expect(d).toBeLessThanOrEqual(Math.hypot(x - nx, p.lat - ny) + 1e-12);
        }
      }
    }
  });

  it('round-trips centres and draws corners at the circumradius', () => {
    const size = hexSize(6);
    for (const [q, r] of [
      [0, 0],
      [120, -35],
      [-7, 300],
    ]) {
      const [x, y] = hexCentre(q, r, size);
      expect(hexOf(x, y, size)).toEqual([q, r]);
      for (const [lat, lon] of hexCorners(x / PLANE_X, y, size)) expect(Math.hypot(lon * PLANE_X - x, lat - y)).toBeCloseTo(size, 9);
    }
  });
});
