import { describe, expect, it } from 'vitest';
import { buildMapIndex, CLUSTER_MAX_ZOOM, viewportFeatures, type MapPoint } from '@/lib/map/cluster';
import { splitZoom } from '@/lib/map/grid-clusters';
import { buildSpatialOrder, finestCell, latY, lngX, morton } from '@/lib/map/spatial-order';
import { Rng } from '@/lib/demo/prng';
import { expectSameFeatures, oracleFeatures } from '../support/map-grid-oracle';

/** Points around a few towns, some stacked on one spot, a few impossible ones. */
function points(seed: number, n: number): MapPoint[] {
  const rng = new Rng(seed);
  const towns = [
    [71.578, 34.008],
    [70.604, 32.985],
    [67.001, 30.184],
    [68.778, 37.837],
  ];
  return Array.from({ length: n }, (_, i) => {
    const [lon, lat] = rng.pick(towns);
    const spread = rng.pick([0, 0.0005, 0.05, 2]);
    return {
      id: i + 1,
      lon: i % 97 === 5 ? Number.NaN : lon + (rng.float() - 0.5) * spread,
      lat: i % 89 === 3 ? 95 : lat + (rng.float() - 0.5) * spread,
      g: rng.pick(['ttp', 'bla']),
      k: rng.chance(0.2) ? null : rng.int(0, 9),
      i: null,
      x: false,
    };
  });
}

describe('grid clusters', () => {
  it('equal the obvious per-cell grouping for random viewports and zooms', () => {
    const pts = points(3, 6000);
    const index = buildMapIndex(pts);
    const rng = new Rng(4);
    for (let k = 0; k < 120; k++) {
      const zoom = rng.int(0, 17);
      const west = 60 + rng.float() * 12;
      const south = 26 + rng.float() * 10;
      const view = {
        west,
        south,
        east: Math.min(180, west + rng.float() * 2 ** (6 - Math.min(zoom, 12))),
        north: Math.min(90, south + rng.float() * 6),
      };
      const got = viewportFeatures(index, view, zoom, 100_000);
      expect(got.zoom).toBe(Math.min(zoom, CLUSTER_MAX_ZOOM + 1));
      expectSameFeatures(got.features, oracleFeatures(pts, view, got.zoom), `zoom ${zoom} ${JSON.stringify(view)}`);
    }
  });

  it('under a feature cap, answer the oracle at the first coarser zoom that fits', () => {
    const pts = points(5, 4000);
    const index = buildMapIndex(pts);
    const view = { west: 66, south: 29, east: 73, north: 39 };
    for (const [zoom, max] of [
      [12, 40],
      [15, 200],
      [9, 10],
    ]) {
      const got = viewportFeatures(index, view, zoom, max);
      let z = zoom;
      while (oracleFeatures(pts, view, z).length > max && z > 0) z--;
      expect(got.zoom).toBe(z);
      expectSameFeatures(got.features, oracleFeatures(pts, view, z).slice(0, max), `zoom ${zoom} max ${max}`);
    }
  });

  it('a cluster splits at its expansion zoom into clusters that add up to it', () => {
    const pts = points(7, 3000);
    const index = buildMapIndex(pts);
    const world = { west: -180, south: -85, east: 180, north: 85 };
    for (const zoom of [3, 6, 9]) {
      for (const c of viewportFeatures(index, world, zoom, 100_000).features) {
        if (c.t !== 'c') continue;
        expect(c.e).toBeGreaterThan(zoom);
        if (c.e > CLUSTER_MAX_ZOOM) continue;
        // The same cell one zoom below e holds all of it; at e it falls apart.
        const cellView = { west: c.lon - 2e-5, south: c.lat - 2e-5, east: c.lon + 2e-5, north: c.lat + 2e-5 };
        expect(viewportFeatures(index, cellView, c.e - 1, 100_000).features).toContainEqual(expect.objectContaining({ t: 'c', n: c.n }));
        const parts = viewportFeatures(index, world, c.e, 100_000).features.filter(
          (f) => Math.abs(f.lon - c.lon) < 360 / 2 ** (zoom + 2) && Math.abs(f.lat - c.lat) < 360 / 2 ** (zoom + 2),
        );
        expect(parts.filter((f) => f.t === 'c' || f.t === 'p').length).toBeGreaterThan(1);
      }
    }
  });

  it('splitZoom reads the first differing cell level from two codes', () => {
    const code = (lon: number, lat: number) => morton(finestCell(lngX(lon)), finestCell(latY(lat)));
    expect(splitZoom(code(70, 33), code(70, 33))).toBe(CLUSTER_MAX_ZOOM + 1);
    const a = code(70, 33);
    expect(splitZoom(a, (a ^ 1) >>> 0)).toBe(CLUSTER_MAX_ZOOM); // apart only in the finest cells
    expect(splitZoom(a, (a ^ 0b110) >>> 0)).toBe(CLUSTER_MAX_ZOOM - 1);
    expect(splitZoom(code(70, 33), code(71, 33))).toBeLessThan(8);
  });

  it('the spatial order sorts codes ascending and keeps every drawable row once', () => {
    const pts = points(9, 20_000);
    const order = buildSpatialOrder(
      Float64Array.from(pts, (p) => p.lon),
      Float64Array.from(pts, (p) => p.lat),
      pts.length,
    );
    for (let j = 1; j < order.n; j++) expect(order.codes[j] >= order.codes[j - 1]).toBe(true);
    const drawable = pts.filter((p) => Number.isFinite(p.lon) && Math.abs(p.lat) <= 90).length;
    expect(order.n).toBe(drawable);
    expect(new Set(order.rows).size).toBe(drawable);
  });
});
