import Supercluster from 'supercluster';

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

export const MAX_FEATURES = 500;
export const CLUSTER_MAX_ZOOM = 14;

type PointProps = { p: MapPoint };
type ClusterProps = { k: number };

export type MapIndex = Supercluster<PointProps, ClusterProps>;

/** GeoJSON input for supercluster; points with out-of-range coordinates are dropped. */
export function toClusterInput(points: MapPoint[]): Supercluster.PointFeature<PointProps>[] {
  const out: Supercluster.PointFeature<PointProps>[] = [];
  for (const p of points) {
    if (!Number.isFinite(p.lon) || !Number.isFinite(p.lat) || Math.abs(p.lat) > 90 || Math.abs(p.lon) > 180) continue;
    out.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { p } });
  }
  return out;
}

export function buildMapIndex(points: MapPoint[]): MapIndex {
  const index = new Supercluster<PointProps, ClusterProps>({
    radius: 56,
    maxZoom: CLUSTER_MAX_ZOOM,
    map: (props) => ({ k: props.p.k ?? 0 }),
    reduce: (acc, props) => {
      acc.k += props.k;
    },
  });
  return index.load(toClusterInput(points));
}

const round = (v: number) => Math.round(v * 1e5) / 1e5;

/**
 * Clusters and points inside the viewport, never more than `max`: when a dense view would
 * exceed it, clusters are taken from a coarser zoom instead.
 */
export function viewportFeatures(index: MapIndex, view: Viewport, zoom: number, max = MAX_FEATURES): { zoom: number; features: MapFeature[] } {
  let z = Math.max(0, Math.min(Math.floor(zoom), CLUSTER_MAX_ZOOM + 1));
  let raw = index.getClusters([view.west, view.south, view.east, view.north], z);
  while (raw.length > max && z > 0) {
    z--;
    raw = index.getClusters([view.west, view.south, view.east, view.north], z);
  }
  const features: MapFeature[] = raw.slice(0, max).map((f) => {
    const [lon, lat] = f.geometry.coordinates;
    const props = f.properties as Partial<Supercluster.ClusterProperties & ClusterProps & PointProps>;
    if (props.cluster) {
      const id = props.cluster_id!;
      return { t: 'c', id, lon: round(lon), lat: round(lat), n: props.point_count!, k: props.k ?? 0, e: Math.min(index.getClusterExpansionZoom(id), CLUSTER_MAX_ZOOM + 1) };
    }
    return toPointFeature(props.p!);
  });
  return { zoom: z, features };
}

/** Single points inside the viewport (for points kept beside the index). */
export function pointsInView(points: MapPoint[], view: Viewport): PointFeature[] {
  return points
    .filter((p) => p.lon >= view.west && p.lon <= view.east && p.lat >= view.south && p.lat <= view.north)
    .map(toPointFeature);
}

const toPointFeature = (p: MapPoint): PointFeature => ({ t: 'p', id: p.id, lon: round(p.lon), lat: round(p.lat), g: p.g, k: p.k, i: p.i, x: p.x });
