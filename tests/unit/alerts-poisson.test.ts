import { describe, expect, it } from 'vitest';
import { logGamma, poissonUpperTail } from '@/lib/stats/poisson';
import { haversineKm } from '@/lib/alerts/haversine';

describe('poissonUpperTail', () => {
  it('matches known tail values', () => {
    expect(poissonUpperTail(10, 3)).toBeCloseTo(0.001102488, 8);
    expect(poissonUpperTail(1, 3)).toBeCloseTo(1 - Math.exp(-3), 12);
    expect(poissonUpperTail(3, 3)).toBeCloseTo(1 - Math.exp(-3) * (1 + 3 + 4.5), 12);
  });
  it('handles edges and stays finite for large values', () => {
    expect(poissonUpperTail(0, 5)).toBe(1);
    expect(poissonUpperTail(1, 0)).toBe(0);
    const tiny = poissonUpperTail(500, 50);
    expect(tiny).toBeGreaterThan(0);
    expect(tiny).toBeLessThan(1e-100);
    const big = poissonUpperTail(900, 1000);
    expect(big).toBeGreaterThan(0.99);
    expect(big).toBeLessThanOrEqual(1);
    expect(() => poissonUpperTail(3, -1)).toThrow(RangeError);
  });
  it('logGamma agrees with factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
  });
});

describe('haversineKm', () => {
  it('measures known distances', () => {
    expect(haversineKm(0, 0, 0, 1)).toBeCloseTo(111.195, 2);
    // Torkham → Peshawar (34.008, 71.578): about 49 km.
    const d = haversineKm(34.1126, 71.0936, 34.008, 71.578);
    expect(d).toBeGreaterThan(45);
    expect(d).toBeLessThan(50);
    expect(haversineKm(30.921, 66.4597, 30.921, 66.4597)).toBe(0);
  });
});
