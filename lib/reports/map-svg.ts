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

/**
 * Vertices closer than this (SVG units; the map is 480 wide, drawn at most a few hundred pixels)
 * to the last one kept are dropped: Natural Earth's outlines carry many more points than such a
 * small map can show, and every brief sent them twice (HTML and the React payload).
 */
const MIN_STEP = 0.6;

type Point = [number, number];

/** Sutherland–Hodgman: the part of a closed ring inside one half-plane (`inside`, `cut` on its edge). */
function clipEdge(ring: Point[], inside: (p: Point) => boolean, cut: (a: Point, b: Point) => Point): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    if (inside(a)) {
      out.push(a);
      if (!inside(b)) out.push(cut(a, b));
    } else if (inside(b)) out.push(cut(a, b));
  }
  return out;
}

const round = (n: number) => Math.round(n * 10) / 10;
/** The point where a–b crosses x = k (or y = k). */
const atX =
  (k: number) =>
  (a: Point, b: Point): Point => [k, round(a[1] + ((b[1] - a[1]) * (k - a[0])) / (b[0] - a[0]))];
const atY =
  (k: number) =>
  (a: Point, b: Point): Point => [round(a[0] + ((b[0] - a[0]) * (k - a[1])) / (b[1] - a[1])), k];

/**
 * A ring cut to the view and a margin around it: the neighbours' outlines (Iran, India, China…)
 * ran hundreds of units outside the map, and every brief carried them.
 */
function clipToView(v: View, ring: Point[]): Point[] {
  const m = 5;
  const [x0, y0, x1, y1] = [-m, -m, v.width + m, viewHeight(v) + m];
  let r = ring.slice(0, -1);
  r = clipEdge(r, (p) => p[0] >= x0, atX(x0));
  r = clipEdge(r, (p) => p[0] <= x1, atX(x1));
  r = clipEdge(r, (p) => p[1] >= y0, atY(y0));
  r = clipEdge(r, (p) => p[1] <= y1, atY(y1));
  return r.length ? [...r, r[0]] : [];
}

function ringPath(v: View, ring: Position[]): string {
  const points = clipToView(
    v,
    ring.map(([lon, lat]) => project(v, lon, lat)),
  );
  if (points.length === 0) return '';
  const kept = points.slice(0, 1);
  for (let i = 1; i < points.length; i++) {
    const [x, y] = points[i];
    const [px, py] = kept[kept.length - 1];
    if (i === points.length - 1 || Math.hypot(x - px, y - py) >= MIN_STEP) kept.push(points[i]);
  }
  // A ring that shrinks below a triangle is a speck smaller than a unit: nothing to draw.
  return kept.length < 4 ? '' : `M${kept.map((p) => p.join(',')).join('L')}Z`;
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
