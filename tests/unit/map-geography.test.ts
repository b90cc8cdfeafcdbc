import { describe, expect, it } from 'vitest';
import { boundsOf, unionBounds } from '@/lib/map/bounds';
import { labelBudget, placeLabels, type Box, type LabelCandidate, type PlacementView } from '@/lib/map/label-placement';
import { firstZoomOfRank, MAP_LABELS, rankTowns } from '@/lib/geo/place-labels';
import { formatLatLon, REGION_FRAMES } from '@/lib/geo/map-frames';
import { INTAKE_PLACES } from '@/lib/intake/gazetteer';
import { requirePlace } from '@/lib/geo/gazetteer';

const town = (name: string, lat: number, lon: number, minZoom = 0): LabelCandidate => ({
  name,
  lat,
  lon,
  minZoom,
  maxZoom: 22,
  kind: 'dot',
});

/** A plain equirectangular screen: 100 px per degree, x = lon, y = -lat, origin at (60E, 40N). */
function view(zoom: number, obstacles: Box[] = [], size = { width: 1366, height: 768 }, pxPerDegree = 100): PlacementView {
  return {
    zoom,
    ...size,
    project: (lat, lon) => ({ x: (lon - 60) * pxPerDegree, y: (40 - lat) * pxPerDegree }),
    obstacles,
    measure: (l) => l.name.length * 7,
  };
}

/** Web Mercator container pixels of a map centred on (31.5N, 67.5E), as Leaflet's first view; 976×450 is the dashboard's map at 1366×768. */
function leafletView(zoom: number, width = 976, height = 450): PlacementView {
  const scale = 256 * 2 ** zoom;
  const px = (lat: number, lon: number) => {
    const s = Math.sin((lat * Math.PI) / 180);
    return { x: ((lon + 180) / 360) * scale, y: (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale };
  };
  const c = px(31.5, 67.5);
  return {
    zoom,
    width,
    height,
    project: (lat, lon) => {
      const p = px(lat, lon);
      return { x: p.x - c.x + width / 2, y: p.y - c.y + height / 2 };
    },
    obstacles: [],
    measure: (l) => l.name.length * 6.5,
  };
}

describe('label placement', () => {
  it('keeps the first of two overlapping labels and moves or drops the next', () => {
    const placed = placeLabels([town('Peshawar', 34.0, 71.58), town('Nowshera', 34.0, 71.6), town('Charsadda', 34.0, 71.62)], view(9));
    expect(placed[0]).toMatchObject({ label: { name: 'Peshawar' }, side: 'right' });
    // Nowshera's right side is Peshawar's text; its left side overlaps Peshawar's dot.
    expect(placed.map((p) => p.label.name)).not.toContain('Nowshera');
    for (const a of placed) for (const b of placed) if (a !== b) expect(a.box.x1 <= b.box.x0 || b.box.x1 <= a.box.x0).toBe(true);
  });

  it('puts the name on the left when the right side is taken, and never over an obstacle', () => {
    const x = (71 - 60) * 100;
    const y = (33 - 40) * -100;
    const cluster: Box = { x0: x + 6, y0: y - 15, x1: x + 34, y1: y + 15 };
    const [left] = placeLabels([town('Bannu', 33, 71)], view(9, [cluster]));
    expect(left.side).toBe('left');
    const wall: Box = { x0: x - 200, y0: y - 20, x1: x + 200, y1: y + 20 };
    expect(placeLabels([town('Bannu', 33, 71)], view(9, [wall]))).toEqual([]);
  });

  it('respects each label’s zoom range and the screen’s edges', () => {
    const labels = [town('Small', 33, 70, 9), town('Big', 35, 70, 4), town('Offscreen', 20, 70), town('Edge', 33, 73.6, 9)];
    expect(placeLabels(labels, view(5)).map((p) => p.label.name)).toEqual(['Big']);
    expect(placeLabels(labels, view(9)).map((p) => p.label.name)).toEqual(['Small', 'Big', 'Edge']);
    expect(placeLabels(labels, view(9)).find((p) => p.label.name === 'Edge')?.side).toBe('left');
  });
});

describe('label budget', () => {
  it('grows with zoom and screen area, and lifts at zoom 9', () => {
    expect(labelBudget(5, 976, 450)).toBe(20);
    expect(labelBudget(5, 390, 300)).toBeLessThan(labelBudget(5, 976, 450));
    expect(labelBudget(7, 976, 450)).toBeGreaterThan(labelBudget(6, 976, 450));
    expect(labelBudget(3, 976, 450)).toBe(labelBudget(5, 976, 450));
    expect(labelBudget(9, 976, 450)).toBeGreaterThanOrEqual(300);
  });
});

describe('map labels from the gazetteer', () => {
  it('ranks district seats and frontier towns first, and every town reaches the map by zoom 9', () => {
    const ranked = rankTowns(INTAKE_PLACES);
    const rank = (n: string) => ranked.findIndex((r) => r.place.name === n);
    expect(rank('Peshawar')).toBeLessThan(24);
    expect(rank('Quetta')).toBeLessThan(24);
    expect(rank('Bannu')).toBeLessThan(80);
    expect(ranked.find((r) => r.place.name === 'Bannu')?.seat).toBe(true);
    expect(firstZoomOfRank(0)).toBeLessThanOrEqual(5);
    expect(firstZoomOfRank(ranked.length - 1)).toBe(9);
    // Places the press names that GeoNames lacks come from the same gazetteer.
    expect(MAP_LABELS.some((l) => l.name === 'Mir Ali')).toBe(true);
    // One gazetteer: every label is a place of it or a province of the admin-1 extract.
    expect(MAP_LABELS.filter((l) => l.kind === 'dot').every((l) => INTAKE_PLACES.some((p) => p.name === l.name))).toBe(true);
  });

  it('shows about 20 labels on the first view at zoom 5 and many more zoomed in', () => {
    const at5 = placeLabels(MAP_LABELS, leafletView(5));
    expect(at5.length).toBeGreaterThanOrEqual(15);
    expect(at5.length).toBeLessThanOrEqual(25);
    // Clusters over the frontier hide its towns; the next-best free places fill the budget.
    const wall = { x0: 540, y0: 0, x1: 700, y1: 450 };
    const hidden = placeLabels(MAP_LABELS, { ...leafletView(5), obstacles: [wall] });
    expect(hidden.length).toBeGreaterThanOrEqual(at5.length - 5);
    expect(hidden.every((p) => p.box.x1 <= wall.x0 || p.box.x0 >= wall.x1)).toBe(true);
    const eligible9 = MAP_LABELS.filter((l) => l.kind === 'dot' && l.minZoom <= 9).length;
    expect(eligible9).toBeGreaterThan(500);
    // A zoom-9 view over Peshawar and the tribal districts.
    const peshawar = requirePlace('Peshawar');
    const z9 = leafletView(9);
    const shift = z9.project(peshawar.lat, peshawar.lon);
    const at9 = placeLabels(MAP_LABELS, {
      ...z9,
      project: (lat, lon) => {
        const p = z9.project(lat, lon);
        return { x: p.x - shift.x + 488, y: p.y - shift.y + 225 };
      },
    });
    expect(at9.length).toBeGreaterThan(at5.length);
  });
});

describe('bounds and frames', () => {
  it('boundsOf and unionBounds', () => {
    expect(boundsOf([])).toBeNull();
    expect(
      boundsOf([
        { lat: 33, lon: 70 },
        { lat: NaN, lon: 1 },
        { lat: 30, lon: 71.5 },
      ]),
    ).toEqual({ west: 70, south: 30, east: 71.5, north: 33 });
    expect(unionBounds(null, { west: 1, south: 2, east: 3, north: 4 })).toEqual({ west: 1, south: 2, east: 3, north: 4 });
    expect(unionBounds({ west: 0, south: 0, east: 1, north: 1 }, { west: -1, south: 0.5, east: 0.5, north: 2 })).toEqual({
      west: -1,
      south: 0,
      east: 1,
      north: 2,
    });
  });

  it('each monitored region has a frame that holds its towns', () => {
    expect(REGION_FRAMES.map((f) => f.label)).toEqual(['KP', 'Balochistan', 'Barmal', 'Tajikistan']);
    const inside = (id: string, place: string) => {
      const b = REGION_FRAMES.find((f) => f.id === id)!.bounds;
      const p = requirePlace(place);
      return p.lon >= b.west && p.lon <= b.east && p.lat >= b.south && p.lat <= b.north;
    };
    expect(inside('kp', 'Peshawar') && inside('kp', 'Bannu')).toBe(true);
    expect(inside('balochistan', 'Quetta') && inside('balochistan', 'Gwadar')).toBe(true);
    expect(inside('tajikistan', 'Dushanbe')).toBe(true);
    expect(inside('barmal', 'Peshawar')).toBe(false);
  });

  it('formats the cursor position', () => {
    expect(formatLatLon(33, 70.0712)).toBe('33.00° N 70.07° E');
    expect(formatLatLon(-12.345, -70.5)).toBe('12.35° S 70.50° W');
    expect(formatLatLon(10, 190)).toBe('10.00° N 170.00° W');
  });
});
