import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { boundsOf, type GeoBounds } from '@/lib/map/bounds';
import type { RegionId } from '@/lib/taxonomy/regions';
import regionsJson from './data/regions.geo.json';

/** A region the map can fly to: its id, a short button label and the box of its boundary. */
export interface RegionFrame {
  id: RegionId;
  label: string;
  name: string;
  bounds: GeoBounds;
}

/** Button labels short enough for four buttons in a row on a phone. */
const SHORT: Record<RegionId, string> = { kp: 'KP', balochistan: 'Balochistan', barmal: 'Barmal', tajikistan: 'Tajikistan' };

function outerRings(g: Polygon | MultiPolygon) {
  return g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((p) => p[0]);
}

/** The monitored regions' boxes, from the committed boundaries (lib/geo/data/regions.geo.json). */
export const REGION_FRAMES: readonly RegionFrame[] = (
  regionsJson as unknown as FeatureCollection<Polygon | MultiPolygon, { id: RegionId; name: string }>
).features.map((f) => {
  const bounds = boundsOf(outerRings(f.geometry).flatMap((ring) => ring.map(([lon, lat]) => ({ lat, lon }))));
  if (!bounds) throw new Error(`region ${f.properties.id} has no coordinates`);
  return { id: f.properties.id, label: SHORT[f.properties.id], name: f.properties.name.replace(/\s*\(approx\.\)$/, ''), bounds };
});

/** "33.00° N 70.07° E": the cursor readout (2 decimals, about 1 km). */
export function formatLatLon(lat: number, lon: number): string {
  const lonWrapped = ((((lon + 180) % 360) + 360) % 360) - 180;
  const ns = lat >= 0 ? 'N' : 'S';
  const ew = lonWrapped >= 0 ? 'E' : 'W';
  return `${Math.abs(lat).toFixed(2)}° ${ns} ${Math.abs(lonWrapped).toFixed(2)}° ${ew}`;
}
