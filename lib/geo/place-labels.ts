import type { FeatureCollection, Point } from 'geojson';
import { INTAKE_PLACES } from '@/lib/intake/gazetteer';
import type { IntakePlace } from '@/lib/intake/place-types';
import type { LabelCandidate } from '@/lib/map/label-placement';
import admin1 from './data/admin1.geo.json';

/**
 * The map's place names, ranked once: towns from the intake gazetteer (GeoNames plus the curated
 * places the press names; one gazetteer for the whole app) and the admin-1 province names.
 * A town's rank decides the first zoom it may show at (the top 160 at zoom 5, every place at zoom
 * 9); the placement then drops whatever would collide and stops at the view's budget (about 20
 * on a desktop map at zoom 5).
 */

/** Ranks past which a town waits for the next zoom level: [rank limit, first zoom]. */
const ZOOM_BY_RANK: readonly (readonly [number, number])[] = [
  [160, 4],
  [260, 6],
  [400, 7],
  [600, 8],
];
const LAST_ZOOM = 9;
/** District seats rank above towns this size; the press names districts by their seats. */
const SEAT_BONUS = 150_000;
/** Crossings have no population but are where cross-border incidents are reported. */
const CROSSING_SCORE = 60_000;
/**
 * The monitored provinces and the Afghan provinces along their borders: the analyst reads the
 * frontier, so its towns outrank the larger cities of Punjab and Sindh at the same zoom.
 */
const FRONTIER = new Set([
  'Khyber Pakhtunkhwa',
  'Balochistan',
  'Paktika',
  'Paktia',
  'Khost',
  'Nangarhar',
  'Kunar',
  'Nuristan',
  'Badakhshan',
  'Takhar',
  'Kunduz',
  'Kandahar',
  'Zabul',
  'Helmand',
  'Nimroz',
]);
const FRONTIER_FACTOR = 3;
const onFrontier = (p: IntakePlace) => p.country === 'TJ' || (p.admin1 !== null && FRONTIER.has(p.admin1));

const near = (a: IntakePlace, b: IntakePlace) => Math.abs(a.lat - b.lat) < 1e-3 && Math.abs(a.lon - b.lon) < 1e-3;

/** Thousandths of a degree: two points `near` each other fall in the same or an adjacent cell. */
const cell = (v: number) => Math.floor(v * 1000);
const cellKey = (lat: number, lon: number) => `${lat},${lon}`;

/**
 * Whether a district or province stands at the place's point. The districts are bucketed by cell
 * so each town checks its 3×3 neighbourhood instead of every district (this runs in the browser
 * when the map's labels load; the full scan was a visible share of that task).
 */
function seatFinder(districts: readonly IntakePlace[]): (place: IntakePlace) => boolean {
  const cells = new Map<string, IntakePlace[]>();
  for (const d of districts) {
    const key = cellKey(cell(d.lat), cell(d.lon));
    const list = cells.get(key);
    if (list) list.push(d);
    else cells.set(key, [d]);
  }
  return (place) => {
    const [la, lo] = [cell(place.lat), cell(place.lon)];
    for (let i = -1; i <= 1; i++)
      for (let j = -1; j <= 1; j++) if (cells.get(cellKey(la + i, lo + j))?.some((d) => near(d, place))) return true;
    return false;
  };
}

export function rankTowns(places: readonly IntakePlace[]): { place: IntakePlace; seat: boolean; score: number }[] {
  // A district stands at its seat (the GeoNames PPLA2 town), so a town at a district's point is its seat.
  const atDistrict = seatFinder(places.filter((p) => p.kind === 'district' || p.kind === 'province'));
  const seen = new Set<string>();
  const ranked: { place: IntakePlace; seat: boolean; score: number }[] = [];
  for (const place of places) {
    if (place.kind !== 'town' && place.kind !== 'crossing') continue;
    const key = `${place.name}|${place.lat.toFixed(2)}|${place.lon.toFixed(2)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const seat = place.kind === 'town' && atDistrict(place);
    const base = place.kind === 'crossing' ? CROSSING_SCORE : (place.population ?? 0) + (seat ? SEAT_BONUS : 0);
    const score = onFrontier(place) ? base * FRONTIER_FACTOR : base;
    ranked.push({ place, seat, score });
  }
  // One collator for the sort: the same order as localeCompare, without a collator per comparison.
  const byName = new Intl.Collator().compare;
  return ranked.sort((a, b) => b.score - a.score || byName(a.place.name, b.place.name));
}

export function firstZoomOfRank(rank: number): number {
  for (const [limit, zoom] of ZOOM_BY_RANK) if (rank < limit) return zoom;
  return LAST_ZOOM;
}

interface Admin1Props {
  kind: 'border' | 'label';
  country: string;
  name?: string;
}

/** Province names: from zoom 6 (zoom 5 belongs to the largest towns) until towns fill the map at 9. */
function provinceLabels(): LabelCandidate[] {
  const fc = admin1 as unknown as FeatureCollection<Point | null, Admin1Props>;
  return fc.features.flatMap((f) =>
    f.properties.kind === 'label' && f.properties.name && f.geometry?.type === 'Point'
      ? [
          {
            name: f.properties.name,
            lon: f.geometry.coordinates[0],
            lat: f.geometry.coordinates[1],
            minZoom: 6,
            maxZoom: 8,
            kind: 'area' as const,
          },
        ]
      : [],
  );
}

function build(): LabelCandidate[] {
  const towns = rankTowns(INTAKE_PLACES).map(({ place }, rank) => ({
    name: place.name,
    lat: place.lat,
    lon: place.lon,
    minZoom: firstZoomOfRank(rank),
    maxZoom: 22,
    kind: 'dot' as const,
  }));
  // The top towns first, then the provinces, then the rest: a province name gives way to a city
  // but not to a village.
  const top = towns.filter((t) => t.minZoom <= 6);
  return [...top, ...provinceLabels(), ...towns.slice(top.length)];
}

/** Every label the map may draw, in priority order. */
export const MAP_LABELS: readonly LabelCandidate[] = build();
