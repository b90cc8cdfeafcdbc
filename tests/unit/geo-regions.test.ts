import { describe, expect, it } from 'vitest';
import { REGION_BOUNDARIES, regionAtPoint } from '@/lib/geo/regions';
import basemap from '@/lib/geo/data/basemap.geo.json';

describe('regionAtPoint', () => {
  it.each([
    ['Peshawar', 34.008, 71.578, 'kp'],
    ['Miran Shah (ex-FATA)', 33.001, 70.071, 'kp'],
    ['Parachinar (ex-FATA)', 33.899, 70.101, 'kp'],
    ['Quetta', 30.184, 67.001, 'balochistan'],
    ['Gwadar', 25.122, 62.325, 'balochistan'],
    ['Dushanbe', 38.536, 68.779, 'tajikistan'],
    ['Khorog (GBAO)', 37.49, 71.55, 'tajikistan'],
    ['near Angur Adda, Afghan side', 32.55, 69.2, 'barmal'],
    ['Lahore', 31.549, 74.343, null],
    ['Karachi', 24.86, 67.01, null],
    ['Kabul', 34.528, 69.172, null],
    ['open sea', 20, 60, null],
  ])('%s → %s', (_name, lat, lon, expected) => {
    expect(regionAtPoint(lat, lon)).toBe(expected);
  });

  it('rejects non-finite coordinates', () => {
    expect(regionAtPoint(Number.NaN, 70)).toBeNull();
  });
});

describe('generated geodata', () => {
  it('has the four regions with Barmal marked approximate', () => {
    const props = REGION_BOUNDARIES.features.map((f) => f.properties);
    expect(props.map((p) => p.id).sort()).toEqual(['balochistan', 'barmal', 'kp', 'tajikistan']);
    expect(props.find((p) => p.id === 'barmal')?.approximate).toBe(true);
    expect(props.filter((p) => p.approximate)).toHaveLength(1);
  });

  it('basemap carries ISO numeric ids and names for Pakistan, Afghanistan and Tajikistan', () => {
    const byIso = new Map(basemap.features.map((f) => [f.properties.iso, f.properties.name]));
    expect(byIso.get('586')).toBe('Pakistan');
    expect(byIso.get('004')).toBe('Afghanistan');
    expect(byIso.get('762')).toBe('Tajikistan');
    expect(basemap.features.length).toBeGreaterThanOrEqual(20);
  });
});
