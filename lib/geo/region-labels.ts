import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { LabelCandidate } from '@/lib/map/label-placement';
import { REGION_BOUNDARIES, type RegionFeature } from './regions';

/**
 * The monitored regions' names as map labels. Each region offers the placement its centre and
 * then other points inside it, nearest the centre first: when clusters cover the centre the name
 * moves within its region instead of sitting under them (or vanishing).
 */

const GRID = 12;
const MAX_ALTERNATES = 48;

/** Points on a GRID×GRID lattice over the region's box that fall inside it. */
function interiorPoints(f: RegionFeature): { lat: number; lon: number }[] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const poly of polygons)
    for (const [x, y] of poly[0]) {
      [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
    }
  const out: { lat: number; lon: number }[] = [];
  for (let i = 1; i < GRID; i++)
    for (let j = 1; j < GRID; j++) {
      const lon = w + ((e - w) * i) / GRID;
      const lat = s + ((n - s) * j) / GRID;
      if (booleanPointInPolygon([lon, lat], f)) out.push({ lat, lon });
    }
  return out;
}

export interface RegionAnchor {
  id: string;
  name: string;
  approximate: boolean;
  lat: number;
  lon: number;
  alternates: { lat: number; lon: number }[];
}

/** The label's first point is the mean of the interior points (or the interior point nearest it, for a bent region). */
export function regionAnchor(f: RegionFeature): RegionAnchor {
  const inside = interiorPoints(f);
  const { id, name, approximate } = f.properties;
  if (inside.length === 0) {
    // A sliver thinner than the lattice: its first vertex still lies on it.
    const [lon, lat] = (f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates[0])[0][0];
    return { id, name, approximate, lat, lon, alternates: [] };
  }
  const mean = {
    lat: inside.reduce((a, p) => a + p.lat, 0) / inside.length,
    lon: inside.reduce((a, p) => a + p.lon, 0) / inside.length,
  };
  const d = (p: { lat: number; lon: number }, q: { lat: number; lon: number }) => (p.lat - q.lat) ** 2 + (p.lon - q.lon) ** 2;
  const byCentre = [...inside].sort((a, b) => d(a, mean) - d(b, mean));
  const centre = booleanPointInPolygon([mean.lon, mean.lat], f) ? mean : byCentre[0];
  const alternates = byCentre.filter((p) => p !== centre).slice(0, MAX_ALTERNATES);
  return { id, name, approximate, lat: centre.lat, lon: centre.lon, alternates };
}

export const REGION_ANCHORS: readonly RegionAnchor[] = REGION_BOUNDARIES.features.map(regionAnchor);

/**
 * The region labels for one map state: the name, "approx." for an approximate region (the legend
 * spells it out), and the shaded value when the map shades regions by a value.
 */
export function regionLabels(values: ReadonlyMap<string, number> | null): LabelCandidate[] {
  return REGION_ANCHORS.map((r) => {
    const details = [r.approximate ? 'approx.' : null, values ? (values.get(r.id) ?? 0).toLocaleString('en-US') : null];
    const detail = details.filter(Boolean).join(' · ');
    return {
      name: r.name.replace(/\s*\(approx\.\)$/, ''),
      key: `region:${r.id}`,
      lat: r.lat,
      lon: r.lon,
      alternates: r.alternates,
      detail: detail ? ` · ${detail}` : undefined,
      minZoom: 0,
      maxZoom: 22,
      kind: 'region' as const,
    };
  });
}
