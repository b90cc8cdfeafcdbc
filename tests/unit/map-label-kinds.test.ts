import { describe, expect, it } from 'vitest';
import {
  labelBox,
  markerBox,
  nearestWithin,
  overlaps,
  placeLabels,
  SITE_RADIUS,
  type Box,
  type LabelCandidate,
  type PlacementView,
} from '@/lib/map/label-placement';
import { REGION_ANCHORS, regionLabels } from '@/lib/geo/region-labels';
import { regionAtPoint } from '@/lib/geo/regions';
import { activeFilterCount } from '@/lib/filters/active-count';

const cand = (
  kind: LabelCandidate['kind'],
  name: string,
  lat: number,
  lon: number,
  extra: Partial<LabelCandidate> = {},
): LabelCandidate => ({
  name,
  lat,
  lon,
  minZoom: 0,
  maxZoom: 22,
  kind,
  ...extra,
});
const site = (name: string, lat: number, lon: number) => cand('site', name, lat, lon, { key: `site:${name}` });
const town = (name: string, lat: number, lon: number) => cand('dot', name, lat, lon);

/** 100 px per degree, x = lon - 60, y = 40 - lat. */
function view(obstacles: Box[] = [], max?: number): PlacementView {
  return {
    zoom: 7,
    width: 1600,
    height: 800,
    project: (lat, lon) => ({ x: (lon - 60) * 100, y: (40 - lat) * 100 }),
    obstacles,
    measure: (l) => (l.name + (l.detail ?? '')).length * 7,
    max,
  };
}
const names = (p: { label: LabelCandidate }[]) => p.map((x) => x.label.name);
const noOverlap = (placed: { box: Box }[]) => {
  for (const a of placed) for (const b of placed) if (a !== b) expect(overlaps(a.box, b.box)).toBe(false);
};

describe('site labels', () => {
  it('outrank towns: a site and a town at the same point keep the site’s name', () => {
    const placed = placeLabels([site('Dasu dam', 35.3, 68.2), town('Dasu', 35.3, 68.2)], view());
    expect(names(placed)).toContain('Dasu dam');
    // The town's dot would sit on the site's marker: it is left out rather than drawn over it.
    expect(names(placed)).not.toContain('Dasu');
  });

  it('start beyond the site’s marker and never cover another site’s marker, placed or not', () => {
    const a = site('Alpha', 35, 70);
    const b = site('Bravo', 35, 70.3); // 30 px right of Alpha: Alpha's right side would cover it
    const placed = placeLabels([a, b], view());
    const alpha = placed.find((p) => p.label.name === 'Alpha')!;
    expect(alpha.side).toBe('left');
    expect(alpha.box.x1).toBeLessThanOrEqual(alpha.x - SITE_RADIUS);
    for (const p of placed) for (const s of [a, b]) expect(overlaps(p.box, markerBox((s.lon - 60) * 100, (40 - s.lat) * 100))).toBe(false);
    noOverlap(placed);
  });

  it('a site whose name fits nowhere is hidden (its marker box still keeps towns off)', () => {
    const x = (70 - 60) * 100;
    const y = (40 - 35) * 100;
    const sides = ['right', 'left', 'above', 'below'] as const;
    // Clusters on every side of the site.
    const clusters = sides.map((side) => labelBox(x, y, 60, side, 'site'));
    const placed = placeLabels([site('Hidden', 35, 70), town('Under', 35, 70)], view(clusters));
    expect(names(placed)).toEqual([]);
    // With the right and left taken, the name goes above the marker, clear of it.
    const beside = [
      { x0: x + 8, y0: y - 4, x1: x + 80, y1: y + 4 },
      { x0: x - 80, y0: y - 4, x1: x - 8, y1: y + 4 },
    ];
    const above = placeLabels([site('Hidden', 35, 70)], view(beside))[0];
    expect(above.side).toBe('above');
    expect(above.box.y1).toBeLessThanOrEqual(y - SITE_RADIUS);
    expect(overlaps(above.box, markerBox(x, y))).toBe(false);
  });

  it('do not use up the town budget', () => {
    const sites = Array.from({ length: 5 }, (_, i) => site(`S${i}`, 38 - i, 61));
    const towns = Array.from({ length: 5 }, (_, i) => town(`T${i}`, 38 - i, 68));
    const placed = placeLabels([...sites, ...towns], view([], 3));
    expect(names(placed)).toEqual(['S0', 'S1', 'S2', 'S3', 'S4', 'T0', 'T1', 'T2']);
  });
});

describe('region labels', () => {
  it('move to another point inside the region when clusters cover the centre', () => {
    const [kp] = regionLabels(null).filter((r) => r.key === 'region:kp');
    const centre = { x: (kp.lon - 60) * 100, y: (40 - kp.lat) * 100 };
    const cluster = { x0: centre.x - 30, y0: centre.y - 30, x1: centre.x + 30, y1: centre.y + 30 };
    const free = placeLabels([kp], view())[0];
    expect(free.x).toBeCloseTo(centre.x);
    const moved = placeLabels([kp], view([cluster]))[0];
    expect(moved).toBeDefined();
    expect(overlaps(moved.box, cluster)).toBe(false);
    // Still inside Khyber Pakhtunkhwa.
    expect(regionAtPoint(40 - moved.y / 100, moved.x / 100 + 60)).toBe('kp');
  });

  it('two regions’ names never overlap, and a region that fits nowhere is hidden', () => {
    const labels = regionLabels(null);
    const placed = placeLabels(labels, { ...view(), zoom: 4, project: (lat, lon) => ({ x: (lon - 55) * 8, y: (45 - lat) * 8 }) });
    noOverlap(placed);
    const everywhere = placeLabels(labels, { ...view([{ x0: 0, y0: 0, x1: 1600, y1: 800 }]) });
    expect(everywhere).toEqual([]);
  });

  it('every anchor and alternate lies inside its region; labels carry the shaded value and "approximate"', () => {
    expect(REGION_ANCHORS.length).toBe(4);
    for (const r of REGION_ANCHORS) {
      expect(regionAtPoint(r.lat, r.lon)).toBe(r.id);
      for (const a of r.alternates) expect(regionAtPoint(a.lat, a.lon)).toBe(r.id);
    }
    const plain = regionLabels(null);
    expect(plain.find((l) => l.key === 'region:barmal')).toMatchObject({ name: 'Barmal', detail: ' · approx.' });
    expect(plain.find((l) => l.key === 'region:kp')?.detail).toBeUndefined();
    const shaded = regionLabels(new Map([['kp', 1204]]));
    expect(shaded.find((l) => l.key === 'region:kp')?.detail).toBe(' · 1,204');
    expect(shaded.find((l) => l.key === 'region:barmal')?.detail).toBe(' · approx. · 0');
  });
});

describe('nearestWithin', () => {
  it('picks the closest point inside the radius, or none', () => {
    const pts = [
      { x: 10, y: 10, id: 'a' },
      { x: 20, y: 10, id: 'b' },
    ];
    expect(nearestWithin(pts, 17, 10, 5)?.id).toBe('b');
    expect(nearestWithin(pts, 12, 10, 5)?.id).toBe('a');
    expect(nearestWithin(pts, 50, 50, 5)).toBeNull();
  });
});

describe('activeFilterCount', () => {
  it('counts the time window once and every other set field once', () => {
    expect(activeFilterCount({})).toBe(0);
    expect(activeFilterCount({ from: '2024-01-01', to: '2024-12-31' })).toBe(1);
    expect(activeFilterCount({ group: ['ttp', 'isk'], region: ['kp'], minKilled: 0, q: '' })).toBe(3);
    expect(activeFilterCount({ group: [], type: ['Battles'], claimStatus: ['claimed'], minSources: 2 })).toBe(3);
  });
});
