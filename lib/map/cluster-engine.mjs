// Server-side clustering of map points with supercluster. Plain JavaScript (ESM) so that the same
// code runs in the Next.js server bundle, in tests and in the clustering worker thread
// (server/map/cluster-worker.mjs), which loads it from disk without a bundler or TypeScript.
import Supercluster from 'supercluster';

export const MAX_FEATURES = 500;
export const CLUSTER_MAX_ZOOM = 14;
/** Flat record sizes in a query result: a point is [0, position], a cluster [1, id, lon, lat, n, k, e]. */
export const POINT = 0;
export const CLUSTER = 1;

/**
 * Builds the cluster index over points given as parallel arrays (position i = point i). Points
 * with impossible coordinates are left out. `killed` holds casualties (NaN for unknown → 0).
 * @param {ArrayLike<number>} lon
 * @param {ArrayLike<number>} lat
 * @param {ArrayLike<number>} killed
 */
export function buildIndex(lon, lat, killed) {
  const features = [];
  for (let i = 0; i < lon.length; i++) {
    const x = lon[i];
    const y = lat[i];
    if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(y) > 90 || Math.abs(x) > 180) continue;
    const k = killed[i];
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [x, y] }, properties: { i, k: Number.isFinite(k) ? k : 0 } });
  }
  const index = new Supercluster({
    radius: 56,
    maxZoom: CLUSTER_MAX_ZOOM,
    map: (props) => ({ k: props.k }),
    reduce: (acc, props) => {
      acc.k += props.k;
    },
  });
  return index.load(features);
}

/**
 * Clusters and points inside the viewport, never more than `max`: when a dense view would exceed
 * it, clusters are taken from a coarser zoom instead. Returns the zoom used and flat records.
 * @param {Supercluster} index
 * @param {{ west: number, south: number, east: number, north: number }} view
 * @param {number} zoom
 * @param {number} max
 * @returns {{ zoom: number, records: number[] }}
 */
export function queryIndex(index, view, zoom, max) {
  const bbox = [view.west, view.south, view.east, view.north];
  let z = Math.max(0, Math.min(Math.floor(zoom), CLUSTER_MAX_ZOOM + 1));
  let raw = index.getClusters(bbox, z);
  while (raw.length > max && z > 0) {
    z--;
    raw = index.getClusters(bbox, z);
  }
  const records = [];
  for (const f of raw.slice(0, Math.max(0, max))) {
    const p = f.properties;
    if (p.cluster) {
      const [lon, lat] = f.geometry.coordinates;
      records.push(
        CLUSTER,
        p.cluster_id,
        lon,
        lat,
        p.point_count,
        p.k ?? 0,
        Math.min(index.getClusterExpansionZoom(p.cluster_id), CLUSTER_MAX_ZOOM + 1),
      );
    } else records.push(POINT, p.i);
  }
  return { zoom: z, records };
}
