import type { MultiPolygon, Polygon, Position } from 'geojson';
import basemapJson from './data/basemap.geo.json';
import { REGION_BOUNDARIES } from './regions';
import { regionLabels } from './region-labels';

/**
 * A still picture of the dashboard map's opening view (country fills, the monitored regions and
 * their names), in pixels from the map's centre, for the server to draw before the map's code has
 * arrived: on a slow link the analyst sees the area at once, and the page's largest text is in
 * the first HTML instead of behind the Leaflet chunks. The same Web Mercator maths as Leaflet's
 * (256-px tiles), so the picture sits where the map will draw it, to within a pixel.
 */

export interface PreviewView {
  lat: number;
  lon: number;
  zoom: number;
}

export interface PreviewLabel {
  key: string;
  name: string;
  detail?: string;
  x: number;
  y: number;
}

export interface MapPreview {
  /** One SVG path of every country's fill near the view. */
  land: string;
  regions: { id: string; approximate: boolean; d: string }[];
  labels: PreviewLabel[];
}

/** Half the drawn area around the centre (px): wider than a desktop map; a container clips the rest. */
export const PREVIEW_HALF_WIDTH = 1000;
export const PREVIEW_HALF_HEIGHT = 700;
/**
 * Points nearer than this (px) to the last one kept are dropped. Countries are the backdrop (and
 * the largest share of the page's HTML), so coarser; the monitored regions' outlines are the subject.
 */
const LAND_STEP = 8;
const REGION_STEP = 2;

type Project = (p: Position) => [number, number];

function projector(view: PreviewView): Project {
  const scale = 256 * 2 ** view.zoom;
  const x = (lon: number) => (scale * (lon + 180)) / 360;
  const y = (lat: number) => {
    const s = Math.sin((Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180);
    return scale * (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI));
  };
  const cx = x(view.lon);
  const cy = y(view.lat);
  return ([lon, lat]) => [x(lon) - cx, y(lat) - cy];
}

const clamp = (v: number, limit: number) => Math.max(-limit, Math.min(limit, v));

/**
 * A ring as path commands, or null when none of it falls in the drawn area. Its points are clamped
 * to a box a little larger than that area (a country reaching far beyond the view runs along the
 * box's edge, outside what any container shows; a run along one edge keeps only its ends) and
 * thinned to `step` px.
 */
function ringPath(ring: Position[], project: Project, step: number): string | null {
  const hw = PREVIEW_HALF_WIDTH + 10;
  const hh = PREVIEW_HALF_HEIGHT + 10;
  const pts: [number, number][] = [];
  let inside = false;
  const edge = (q: [number, number]) => (Math.abs(q[0]) === hw ? `x${q[0]}` : Math.abs(q[1]) === hh ? `y${q[1]}` : '');
  for (const p of ring) {
    const [px, py] = project(p);
    if (Math.abs(px) <= hw && Math.abs(py) <= hh) inside = true;
    const q: [number, number] = [Math.round(clamp(px, hw)), Math.round(clamp(py, hh))];
    const last = pts[pts.length - 1];
    if (last && Math.abs(q[0] - last[0]) < step && Math.abs(q[1] - last[1]) < step) continue;
    const before = pts[pts.length - 2];
    if (last && before && edge(q) !== '' && edge(q) === edge(last) && edge(last) === edge(before)) pts[pts.length - 1] = q;
    else pts.push(q);
  }
  if (!inside || pts.length < 3) return null;
  const kept = simplify(pts, step / 2);
  return kept.length < 3 ? null : `M${kept.map(([x, y]) => `${x} ${y}`).join('L')}Z`;
}

/** Douglas–Peucker: the points that keep the line within `tolerance` px of the original. */
function simplify(pts: [number, number][], tolerance: number): [number, number][] {
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack: [number, number][] = [[0, pts.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = pts[a];
    const [bx, by] = pts[b];
    const len = Math.hypot(bx - ax, by - ay);
    let worst = -1;
    let far = tolerance;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = pts[i];
      // A closed ring starts and ends on one point: its distance from that point, then.
      const d = len === 0 ? Math.hypot(px - ax, py - ay) : Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / len;
      if (d > far) [far, worst] = [d, i];
    }
    if (worst < 0) continue;
    keep[worst] = 1;
    stack.push([a, worst], [worst, b]);
  }
  return pts.filter((_, i) => keep[i]);
}

function geometryPath(g: Polygon | MultiPolygon, project: Project, step: number): string {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polygons
    .flatMap((rings) => rings.map((r) => ringPath(r, project, step)))
    .filter((d): d is string => d !== null)
    .join('');
}

interface BasemapFeature {
  geometry: Polygon | MultiPolygon | null;
}

/** The preview of one view; the same view always gives the same picture. */
export function mapPreview(view: PreviewView): MapPreview {
  const project = projector(view);
  const land = (basemapJson as unknown as { features: BasemapFeature[] }).features
    .map((f) =>
      f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon')
        ? geometryPath(f.geometry, project, LAND_STEP)
        : '',
    )
    .join('');
  const regions = REGION_BOUNDARIES.features.map((f) => ({
    id: f.properties.id,
    approximate: f.properties.approximate,
    d: geometryPath(f.geometry, project, REGION_STEP),
  }));
  const labels = regionLabels(null).flatMap((l) => {
    const [x, y] = project([l.lon, l.lat]);
    if (Math.abs(x) > PREVIEW_HALF_WIDTH || Math.abs(y) > PREVIEW_HALF_HEIGHT) return [];
    return [{ key: l.key ?? l.name, name: l.name, detail: l.detail, x: Math.round(x), y: Math.round(y) }];
  });
  return { land, regions, labels };
}
