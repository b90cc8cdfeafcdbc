import { expect } from 'vitest';
/**
 * The map's cluster definition (lib/map/grid-clusters.ts) computed the slow, obvious way: every
 * point's cell from its own coordinates at each zoom, grouped in a Map; no spatial order, no
 * binary search, no cell tree. What the engine must reproduce exactly, cluster by cluster.
 */
const MAX_ZOOM = 14;
const SHIFT = 2;

const mx = (lon: number) => lon / 360 + 0.5;
function my(lat: number): number {
  const s = Math.sin((lat * Math.PI) / 180);
  return Math.min(1, Math.max(0, 0.5 - (0.25 * Math.log((1 + s) / (1 - s))) / Math.PI));
}
const cellOf = (v: number, level: number) => Math.min(2 ** level - 1, Math.floor(v * 2 ** level));

export interface OraclePoint {
  id: number;
  lon: number;
  lat: number;
  k: number | null;
}
export type OracleFeature = { t: 'c'; n: number; k: number; lon: number; lat: number; e: number; ids: number[] } | { t: 'p'; id: number };

/** Clusters and points whose position lies in the view at `zoom` (no feature cap). */
export function oracleFeatures(
  points: readonly OraclePoint[],
  view: { west: number; south: number; east: number; north: number },
  zoom: number,
): OracleFeature[] {
  const ok = points.filter((p) => Number.isFinite(p.lon) && Number.isFinite(p.lat) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180);
  const inView = (x: number, y: number) => x >= mx(view.west) && x <= mx(view.east) && y >= my(view.north) && y <= my(view.south);
  if (zoom > MAX_ZOOM) return ok.filter((p) => inView(mx(p.lon), my(p.lat))).map((p) => ({ t: 'p', id: p.id }));
  const level = zoom + SHIFT;
  const cells = new Map<string, OraclePoint[]>();
  for (const p of ok) {
    const key = `${cellOf(mx(p.lon), level)}:${cellOf(my(p.lat), level)}`;
    cells.set(key, [...(cells.get(key) ?? []), p]);
  }
  const out: OracleFeature[] = [];
  for (const members of cells.values()) {
    const x = members.reduce((s, p) => s + mx(p.lon), 0) / members.length;
    const y = members.reduce((s, p) => s + my(p.lat), 0) / members.length;
    if (!inView(x, y)) continue;
    if (members.length === 1) {
      out.push({ t: 'p', id: members[0].id });
      continue;
    }
    let e = MAX_ZOOM + 1;
    for (let z = zoom + 1; z <= MAX_ZOOM; z++) {
      const keys = new Set(members.map((p) => `${cellOf(mx(p.lon), z + SHIFT)}:${cellOf(my(p.lat), z + SHIFT)}`));
      if (keys.size > 1) {
        e = z;
        break;
      }
    }
    const lat = (360 * Math.atan(Math.exp((1 - 2 * y) * Math.PI))) / Math.PI - 90;
    const k = members.reduce((s, p) => s + (p.k ?? 0), 0);
    out.push({ t: 'c', n: members.length, k, lon: (x - 0.5) * 360, lat, e, ids: members.map((p) => p.id).sort((a, b) => a - b) });
  }
  return out;
}

type Comparable = { t: 'c'; n: number; k: number; lon: number; lat: number; e: number } | { t: 'p'; id: number };

/**
 * Features in one order for comparison: points by id, clusters by (n, k, e, position); positions
 * are then compared to 1e-4° (the answer rounds them to 1e-5°).
 */
export function sortedFeatures(features: readonly Comparable[]): Comparable[] {
  const key = (f: Comparable) =>
    f.t === 'p' ? `p ${String(f.id).padStart(12)}` : `c ${f.n} ${f.k} ${f.e} ${f.lon.toFixed(3)} ${f.lat.toFixed(3)}`;
  return features
    .map((f) => (f.t === 'p' ? { t: 'p' as const, id: f.id } : { t: 'c' as const, n: f.n, k: f.k, lon: f.lon, lat: f.lat, e: f.e }))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Same points and clusters (count, killed, expansion zoom) as the oracle, positions to 1e-4°. */
export function expectSameFeatures(features: readonly Comparable[], expected: readonly Comparable[], label: string): void {
  const got = sortedFeatures(features);
  const want = sortedFeatures(expected);
  const shape = (x: Comparable[]) => x.map((f) => (f.t === 'p' ? f.id : `${f.n}/${f.k}/${f.e}`));
  expect(shape(got), label).toEqual(shape(want));
  got.forEach((f, i) => {
    const w = want[i];
    if (f.t === 'c' && w.t === 'c') {
      expect(f.lon, label).toBeCloseTo(w.lon, 4);
      expect(f.lat, label).toBeCloseTo(w.lat, 4);
    }
  });
}
