import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

/** Equirectangular projection of a fixed frontier view into SVG coordinates (pure, server-side). */
export interface View {
  west: number;
  south: number;
  east: number;
  north: number;
  width: number;
}

export const FRONTIER_VIEW: View = { west: 60, south: 24, east: 76, north: 40.5, width: 480 };

export function viewHeight(v: View): number {
  const k = Math.cos((((v.south + v.north) / 2) * Math.PI) / 180);
  return Math.round(((v.north - v.south) / ((v.east - v.west) * k)) * v.width);
}

export function project(v: View, lon: number, lat: number): [number, number] {
  const x = ((lon - v.west) / (v.east - v.west)) * v.width;
  const y = ((v.north - lat) / (v.north - v.south)) * viewHeight(v);
  return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
}

function ringPath(v: View, ring: Position[]): string {
  return `M${ring.map(([lon, lat]) => project(v, lon, lat).join(',')).join('L')}Z`;
}

function overlaps(v: View, ring: Position[]): boolean {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  for (const [x, y] of ring) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  return e >= v.west && w <= v.east && n >= v.south && s <= v.north;
}

/** One SVG path `d` per feature, dropping rings entirely outside the view. */
export function featurePaths<P>(v: View, fc: FeatureCollection<Polygon | MultiPolygon, P>): { d: string; properties: P }[] {
  return fc.features
    .map((f: Feature<Polygon | MultiPolygon, P>) => {
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const d = polys
        .flatMap((p) => p)
        .filter((ring) => overlaps(v, ring))
        .map((ring) => ringPath(v, ring))
        .join('');
      return { d, properties: f.properties };
    })
    .filter((p) => p.d.length > 0);
}

export function inView(v: View, lon: number, lat: number): boolean {
  return lon >= v.west && lon <= v.east && lat >= v.south && lat <= v.north;
}
