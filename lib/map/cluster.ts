import { buildIndex, CLUSTER, CLUSTER_MAX_ZOOM, MAX_FEATURES, queryIndex, type ClusterIndex } from './cluster-engine.mjs';

export { CLUSTER_MAX_ZOOM, MAX_FEATURES };

/** One incident as the map needs it: position, group key, casualties, cross-border flag. */
export interface MapPoint {
  id: number;
  lon: number;
  lat: number;
  g: string;
  k: number | null;
  i: number | null;
  x: boolean;
}

export interface ClusterFeature {
  t: 'c';
  /** Cluster id within the index that produced it. */
  id: number;
  lon: number;
  lat: number;
  n: number;
  k: number;
  /** Zoom at which the cluster splits (click target). */
  e: number;
}
export interface PointFeature extends MapPoint {
  t: 'p';
}
export type MapFeature = ClusterFeature | PointFeature;

export interface Viewport {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** The points as the parallel arrays the cluster engine takes (transferable to its worker). */
export function pointArrays(points: readonly MapPoint[]): { lon: Float64Array; lat: Float64Array; killed: Float64Array } {
  const lon = new Float64Array(points.length);
  const lat = new Float64Array(points.length);
  const killed = new Float64Array(points.length);
  points.forEach((p, i) => {
    lon[i] = p.lon;
    lat[i] = p.lat;
    killed[i] = p.k ?? Number.NaN;
  });
  return { lon, lat, killed };
}

/** An index built in this thread (tests, and the fallback when no worker thread can start). */
export interface MapIndex {
  points: readonly MapPoint[];
  index: ClusterIndex;
}

export function buildMapIndex(points: readonly MapPoint[]): MapIndex {
  const { lon, lat, killed } = pointArrays(points);
  return { points, index: buildIndex(lon, lat, killed) };
}

const round = (v: number) => Math.round(v * 1e5) / 1e5;

/** Features from the engine's flat records (clusters, and points by their position in `points`). */
export function decodeFeatures(points: readonly MapPoint[], records: readonly number[]): MapFeature[] {
  const out: MapFeature[] = [];
  for (let r = 0; r < records.length;) {
    if (records[r] === CLUSTER) {
      out.push({
        t: 'c',
        id: records[r + 1],
        lon: round(records[r + 2]),
        lat: round(records[r + 3]),
        n: records[r + 4],
        k: records[r + 5],
        e: records[r + 6],
      });
      r += 7;
    } else {
      out.push(toPointFeature(points[records[r + 1]]));
      r += 2;
    }
  }
  return out;
}

/**
 * Clusters and points inside the viewport, never more than `max`: when a dense view would
 * exceed it, clusters are taken from a coarser zoom instead.
 */
export function viewportFeatures(
  index: MapIndex,
  view: Viewport,
  zoom: number,
  max = MAX_FEATURES,
): { zoom: number; features: MapFeature[] } {
  const { zoom: z, records } = queryIndex(index.index, view, zoom, max);
  return { zoom: z, features: decodeFeatures(index.points, records) };
}

/** Single points inside the viewport (for points kept beside the index). */
export function pointsInView(points: MapPoint[], view: Viewport): PointFeature[] {
  return points.filter((p) => p.lon >= view.west && p.lon <= view.east && p.lat >= view.south && p.lat <= view.north).map(toPointFeature);
}

const toPointFeature = (p: MapPoint): PointFeature => ({
  t: 'p',
  id: p.id,
  lon: round(p.lon),
  lat: round(p.lat),
  g: p.g,
  k: p.k,
  i: p.i,
  x: p.x,
});
