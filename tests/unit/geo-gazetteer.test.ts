import { describe, expect, it } from 'vitest';
import { GAZETTEER, lookupPlace, requirePlace } from '@/lib/geo/gazetteer';
import { assignRegion } from '@/lib/geo/assign-region';

describe('gazetteer', () => {
  it('finds GeoNames coordinates by name', () => {
    expect(lookupPlace('Peshawar')).toMatchObject({ lat: 34.008, country: 'PK', admin1: 'Khyber Pakhtunkhwa', admin2: 'Peshawar' });
    expect(lookupPlace('Quetta')).toMatchObject({ country: 'PK', admin1: 'Balochistan' });
    expect(lookupPlace('Dushanbe')?.country).toBe('TJ');
  });

  it('folds case and accents and knows district aliases', () => {
    expect(lookupPlace('KŬLOB')?.name).toBe('Kulob');
    expect(lookupPlace('jalālābād')?.name).toBe('Jalalabad');
    expect(lookupPlace('North Waziristan')?.name).toBe('Miran Shah');
    expect(lookupPlace('Kech')?.name).toBe('Turbat');
    expect(lookupPlace('Khorugh')?.name).toBe('Khorog');
  });

  it('uses the documented Angur Adda fallback for Barmal', () => {
    expect(requirePlace('Barmal')).toMatchObject({ lat: 32.5156, lon: 69.2825, country: 'AF', admin1: 'Paktika', admin2: 'Barmal' });
  });

  it('returns null for unknown names and throws in requirePlace', () => {
    expect(lookupPlace('Atlantis')).toBeNull();
    expect(() => requirePlace('Atlantis')).toThrow(/Atlantis/);
  });

  it('assigns every place the region its admin names and its coordinates agree on', () => {
    for (const p of GAZETTEER) {
      const byNames = assignRegion(p);
      if (p.name === 'Barmal') {
        expect(byNames).toBe('barmal');
        continue; // the crossing itself sits on the border line
      }
      const byPoint = assignRegion({ country: p.country, lat: p.lat, lon: p.lon });
      expect(byPoint, p.name).toBe(byNames);
    }
  });
});

describe('assignRegion', () => {
  it('uses ACLED admin names first', () => {
    expect(assignRegion({ country: 'PK', admin1: 'Khyber Pakhtunkhwa', lat: 0, lon: 0 })).toBe('kp');
    expect(assignRegion({ country: 'PK', admin1: 'Baluchistan', lat: 0, lon: 0 })).toBe('balochistan');
    expect(assignRegion({ country: 'PK', admin1: 'Punjab', lat: 34.008, lon: 71.578 })).toBeNull();
    expect(assignRegion({ country: 'AF', admin1: 'Paktika', admin2: 'Barmal', lat: 0, lon: 0 })).toBe('barmal');
    expect(assignRegion({ country: 'TJ', admin1: 'Khatlon', lat: 0, lon: 0 })).toBe('tajikistan');
  });

  it('falls back to point-in-polygon when names are missing', () => {
    expect(assignRegion({ country: 'PK', lat: 34.008, lon: 71.578 })).toBe('kp');
    expect(assignRegion({ country: 'PK', lat: 30.184, lon: 67.001 })).toBe('balochistan');
    expect(assignRegion({ country: 'AF', lat: 32.55, lon: 69.2 })).toBe('barmal');
    expect(assignRegion({ country: 'AF', lat: 34.528, lon: 69.172 })).toBeNull();
  });
});
