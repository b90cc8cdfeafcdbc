import { CLUSTER_MAX_ZOOM, gridViewport, type ClusterInput } from './grid-clusters';
import { buildSpatialOrder } from './spatial-order';

/** The most features one viewport answer holds. */
export const MAX_FEATURES = 500;
export { CLUSTER_MAX_ZOOM };

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
  /** The cluster's cell (unique within an answer and across zooms). */
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

/** Points to cluster: a selection over a spatial order, and each point's fields by position. */
export interface MapIndex {
  input: ClusterInput;
  point(pos: number): MapPoint;
}

/** An index over plain points, every one selected (tests, and small point sets). */
export function buildMapIndex(points: readonly MapPoint[]): MapIndex {
  const lon = Float64Array.from(points, (p) => p.lon);
  const lat = Float64Array.from(points, (p) => p.lat);
  const order = buildSpatialOrder(lon, lat, points.length);
  const killed = Float64Array.from(order.rows, (r) => points[r].k ?? 0);
  return { input: { order, sel: new Uint8Array(order.n).fill(1), killed, side: [] }, point: (pos) => points[order.rows[pos]] };
}

const round = (v: number) => Math.round(v * 1e5) / 1e5;

/**
 * Clusters and points inside the viewport, never more than `max`: when a dense view would
 * exceed it, clusters are taken from a coarser zoom instead (lib/map/grid-clusters.ts).
 */
export function viewportFeatures(
  index: MapIndex,
  view: Viewport,
  zoom: number,
  max = MAX_FEATURES,
): { zoom: number; features: MapFeature[] } {
  const { zoom: z, items } = gridViewport(index.input, view, zoom, max);
  const features = items.map((it): MapFeature =>
    it.t === 'c' ? { ...it, lon: round(it.lon), lat: round(it.lat) } : toPointFeature(index.point(it.pos)),
  );
  return { zoom: z, features };
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
