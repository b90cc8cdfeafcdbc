import { describe, expect, it } from 'vitest';
import { mapPreview, PREVIEW_HALF_HEIGHT, PREVIEW_HALF_WIDTH } from '@/lib/geo/map-preview';
import { regionLabels } from '@/lib/geo/region-labels';

const START = { lat: 31.5, lon: 67.5, zoom: 5 };

/** Every "x y" pair of a path's commands. */
const points = (d: string) => [...d.matchAll(/[ML](-?\d+) (-?\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe('the map preview (the server-drawn stand-in for the Leaflet map)', () => {
  it('puts each region name where Leaflet projects it (Web Mercator, 256-px tiles, px from the centre)', () => {
    const p = mapPreview(START);
    // Khyber Pakhtunkhwa's anchor, projected by hand: x = 256·2^z·Δlon/360, y from the Mercator ordinate.
    const kp = regionLabels(null).find((l) => l.key === 'region:kp')!;
    const merc = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
    const scale = 256 * 2 ** START.zoom;
    const x = (scale * (kp.lon - START.lon)) / 360;
    const y = (-scale * (merc(kp.lat) - merc(START.lat))) / (2 * Math.PI);
    const label = p.labels.find((l) => l.key === 'region:kp')!;
    expect(label.name).toBe('Khyber Pakhtunkhwa');
    expect(Math.abs(label.x - x)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(label.y - y)).toBeLessThanOrEqual(0.5);
    // North is up: Tajikistan's name sits above Balochistan's.
    const at = (k: string) => p.labels.find((l) => l.key === k)!;
    expect(at('region:tajikistan').y).toBeLessThan(at('region:balochistan').y);
    expect(at('region:barmal').detail).toContain('approx.');
  });

  it('draws every region and the countries around them, clamped to the drawn box', () => {
    const p = mapPreview(START);
    expect(p.regions.map((r) => r.id).sort()).toEqual(['balochistan', 'barmal', 'kp', 'tajikistan']);
    for (const r of p.regions) expect(points(r.d).length, r.id).toBeGreaterThan(3);
    expect(p.regions.find((r) => r.id === 'barmal')!.approximate).toBe(true);
    const land = points(p.land);
    expect(land.length).toBeGreaterThan(100);
    for (const [x, y] of [...land, ...p.regions.flatMap((r) => points(r.d))]) {
      expect(Math.abs(x)).toBeLessThanOrEqual(PREVIEW_HALF_WIDTH + 10);
      expect(Math.abs(y)).toBeLessThanOrEqual(PREVIEW_HALF_HEIGHT + 10);
    }
    // The page carries this twice (HTML and the client's payload): it must stay small.
    expect(p.land.length + p.regions.reduce((n, r) => n + r.d.length, 0)).toBeLessThan(20_000);
  });

  it('follows the view: a saved view further east and zoomed in moves and scales the picture', () => {
    const zoomed = mapPreview({ lat: 34, lon: 71.5, zoom: 7 });
    const kp = zoomed.labels.find((l) => l.key === 'region:kp');
    const start = mapPreview(START).labels.find((l) => l.key === 'region:kp')!;
    expect(kp).toBeDefined();
    expect(Math.abs(kp!.x)).toBeLessThan(Math.abs(start.x) * 4);
    // A label whose point falls outside the drawn box is left out, not drawn at its edge.
    const far = mapPreview({ lat: 10, lon: 20, zoom: 8 });
    expect(far.labels).toEqual([]);
    expect(far.regions.every((r) => r.d === '')).toBe(true);
  });

  it('is the same picture for the same view (the server caches it per view)', () => {
    expect(mapPreview(START)).toEqual(mapPreview(START));
  });
});
