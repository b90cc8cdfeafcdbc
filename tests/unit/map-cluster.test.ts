import { describe, expect, it } from 'vitest';
import { buildMapIndex, MAX_FEATURES, viewportFeatures, type MapPoint } from '@/lib/map/cluster';
import { Lru } from '@/lib/map/lru';

const WORLD = { west: -180, south: -90, east: 180, north: 90 };

/** Deterministic points around a few towns (a simple LCG, no Math.random). */
function points(n: number): MapPoint[] {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const towns = [
    [71.578, 34.008],
    [70.604, 32.985],
    [67.001, 30.184],
    [68.778, 37.837],
  ];
  return Array.from({ length: n }, (_, i) => {
    const [lon, lat] = towns[i % towns.length];
    return {
      id: i + 1,
      lon: lon + (rnd() - 0.5) * 2,
      lat: lat + (rnd() - 0.5) * 2,
      g: i % 3 ? 'ttp' : 'bla',
      k: i % 4 === 0 ? null : i % 9,
      i: 0,
      x: i % 11 === 0,
    };
  });
}

describe('clustering input', () => {
  it('leaves out points with impossible coordinates', () => {
    const good = points(3);
    const index = buildMapIndex([...good, { ...good[0], id: 99, lat: 95 }, { ...good[0], id: 100, lon: Number.NaN }]);
    const { features } = viewportFeatures(index, WORLD, 15);
    expect(features.map((f) => f.id).sort()).toEqual([1, 2, 3]);
  });

  it('clusters account for every point at every zoom, never over the feature cap', () => {
    const pts = points(20_000);
    const index = buildMapIndex(pts);
    for (const zoom of [0, 3, 6, 9, 12, 15]) {
      const { features } = viewportFeatures(index, WORLD, zoom);
      expect(features.length).toBeLessThanOrEqual(MAX_FEATURES);
      expect(features.reduce((s, f) => s + (f.t === 'c' ? f.n : 1), 0)).toBe(pts.length);
    }
  });

  it('sums killed into clusters (unknown counts as 0) and gives a zoom that splits them', () => {
    const pts = points(500);
    const { features } = viewportFeatures(buildMapIndex(pts), WORLD, 2);
    const killed = features.reduce((s, f) => s + (f.k ?? 0), 0);
    expect(killed).toBe(pts.reduce((s, p) => s + (p.k ?? 0), 0));
    for (const f of features) if (f.t === 'c') expect(f.e).toBeGreaterThan(2);
  });

  it('at high zoom in a small viewport returns single points with their properties', () => {
    const pts = points(40);
    const target = pts[0];
    const view = { west: target.lon - 0.001, south: target.lat - 0.001, east: target.lon + 0.001, north: target.lat + 0.001 };
    const { features } = viewportFeatures(buildMapIndex(pts), view, 16);
    expect(features).toContainEqual({
      t: 'p',
      id: 1,
      lon: expect.closeTo(target.lon, 4),
      lat: expect.closeTo(target.lat, 4),
      g: 'bla',
      k: null,
      i: 0,
      x: true,
    });
  });

  it('a tight cap forces coarser clusters instead of dropping points', () => {
    const pts = points(2000);
    const out = viewportFeatures(buildMapIndex(pts), WORLD, 12, 20);
    expect(out.features.length).toBeLessThanOrEqual(20);
    expect(out.zoom).toBeLessThan(12);
    expect(out.features.reduce((s, f) => s + (f.t === 'c' ? f.n : 1), 0)).toBe(pts.length);
  });
});

describe('Lru', () => {
  it('evicts the least recently used entry', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.size).toBe(2);
  });
});
