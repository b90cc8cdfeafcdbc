import { describe, expect, it } from 'vitest';
import { toAlpha2, countryNumeric } from '@/lib/taxonomy/countries';
import { canonicalEventType, canonicalSubEventType } from '@/lib/taxonomy/event-types';

describe('countries', () => {
  it('accepts ACLED numeric codes, alpha codes and names', () => {
    expect(toAlpha2('586')).toBe('PK');
    expect(toAlpha2('4')).toBe('AF');
    expect(toAlpha2('TJK')).toBe('TJ');
    expect(toAlpha2('pk')).toBe('PK');
    expect(toAlpha2('Tajikistan')).toBe('TJ');
    expect(toAlpha2('Atlantis')).toBeNull();
    expect(countryNumeric('PK')).toBe('586');
  });
});

describe('ACLED taxonomy', () => {
  it('canonicalises spelling and links sub-events to their type', () => {
    expect(canonicalEventType('explosions/remote  violence')).toBe('Explosions/Remote violence');
    expect(canonicalSubEventType('suicide bomb')).toEqual({ eventType: 'Explosions/Remote violence', subEventType: 'Suicide bomb' });
    expect(canonicalSubEventType('Drive-by')).toBeNull();
  });
});
