import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isoDay, isoInstant } from '@/lib/time/iso';
import { dayToDate } from '@/lib/time/zone';

const YEAR_0 = Date.UTC(2000, 0, 1) - 2000 * 365.2425 * 86_400_000;
const YEAR_10000 = Date.UTC(9999, 11, 31, 23, 59, 59, 999) + 1;

describe('isoInstant', () => {
  it('is Date#toISOString for any integer instant from year 0 to 9999, and beyond', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: Math.round(YEAR_0) - 1e11, max: YEAR_10000 + 1e11 }), (ms) => {
        expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it('matches at the edges: epoch, negative instants, the last millisecond of a day, years 0000 and 9999', () => {
    const edges = [0, -1, 1, 86_399_999, 86_400_000, -86_400_001, Date.UTC(2024, 1, 29, 23, 59, 59, 999), YEAR_10000 - 1, YEAR_10000];
    const year0 = new Date(0).setUTCFullYear(0, 0, 1);
    for (const ms of [...edges, year0, year0 - 1]) expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
  });

  it('leaves fractional instants to Date, and Date throws for an invalid one', () => {
    expect(isoInstant(1.5)).toBe(new Date(1.5).toISOString());
    expect(() => isoInstant(Number.NaN)).toThrow(RangeError);
  });
});

describe('isoDay / dayToDate', () => {
  it('is the date part of the day’s midnight', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719_528, max: 2_932_896 }), (day) => {
        const want = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(isoDay(day)).toBe(want);
        expect(dayToDate(day)).toBe(want);
      }),
      { numRuns: 20_000 },
    );
  });
});
