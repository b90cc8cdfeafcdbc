import { describe, expect, it } from 'vitest';
import { buildMapIndex, viewportFeatures, type MapPoint } from '@/lib/map/cluster';
import { buildClusters, queryClusters, WORKER_INDEXES } from '@/server/map/cluster-worker-client';
import { Rng } from '@/lib/demo/prng';

/** The clustering worker thread (server/map/cluster-worker.mjs) against the same engine in this thread. */
function points(seed: number, n: number): MapPoint[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    lon: 66 + rng.float() * 8,
    lat: 29 + rng.float() * 7,
    g: rng.pick(['ttp', 'bla', 'iskp']),
    k: rng.chance(0.2) ? null : rng.int(0, 20),
    i: null,
    x: rng.chance(0.05),
  }));
}

describe('cluster worker', () => {
  it('answers every viewport exactly like the in-thread index', async () => {
    const pts = points(1, 30_000);
    const handle = await buildClusters(pts);
    expect(handle.local).toBeNull(); // built in the worker thread
    const local = buildMapIndex(pts);
    const rng = new Rng(2);
    for (let k = 0; k < 40; k++) {
      const zoom = rng.int(0, 16);
      const west = 60 + rng.float() * 10;
      const south = 25 + rng.float() * 8;
      const view = { west, south, east: west + 0.5 + rng.float() * 8, north: south + 0.5 + rng.float() * 6 };
      const max = rng.pick([500, 120, 10]);
      expect(await queryClusters(handle, view, zoom, max)).toEqual(viewportFeatures(local, view, zoom, max));
    }
  });

  it(`drops the least recently used index past ${WORKER_INDEXES} and says so`, async () => {
    const first = await buildClusters(points(3, 50));
    const view = { west: -180, south: -90, east: 180, north: 90 };
    expect(await queryClusters(first, view, 3, 500)).not.toBeNull();
    for (let k = 0; k < WORKER_INDEXES; k++) await buildClusters(points(10 + k, 50));
    expect(await queryClusters(first, view, 3, 500)).toBeNull();
  });
});
