import { describe, expect, it } from 'vitest';
import type { Cell } from '@/lib/map/aggregate';
import { hexBreaks, hexClass, hexColour, HEX_RAMP } from '@/lib/map/cell-scale';
import { displayQuery, parseDisplay } from '@/lib/map/display';

describe('display mode in the URL', () => {
  it('reads known modes and weights and ignores anything else', () => {
    expect(parseDisplay(new URLSearchParams('mode=heat&weight=killed'))).toEqual({ mode: 'heat', weight: 'killed' });
    expect(parseDisplay(new URLSearchParams('mode=hex'))).toEqual({ mode: 'hex', weight: 'count' });
    expect(parseDisplay(new URLSearchParams('mode=dots&weight=all'))).toEqual({ mode: 'clusters', weight: 'count' });
    expect(parseDisplay(new URLSearchParams('group=ttp'))).toEqual({ mode: 'clusters', weight: 'count' });
  });

  it('writes only what differs from the default, and weight only for the heat map', () => {
    expect(displayQuery({ mode: 'clusters', weight: 'killed' })).toBe('');
    expect(displayQuery({ mode: 'hex', weight: 'killed' })).toBe('mode=hex');
    expect(displayQuery({ mode: 'heat', weight: 'count' })).toBe('mode=heat');
    expect(displayQuery({ mode: 'heat', weight: 'killed' })).toBe('mode=heat&weight=killed');
    for (const q of ['mode=heat&weight=killed', 'mode=hex', '']) expect(displayQuery(parseDisplay(new URLSearchParams(q)))).toBe(q);
  });
});

describe('hexagon classes', () => {
  const cells = (...ns: number[]): Cell[] => ns.map((n) => [0, 0, n, 0]);

  it('covers every count with increasing bounds ending at the largest count', () => {
    for (const max of [1, 2, 3, 7, 100, 12_345]) {
      const b = hexBreaks(cells(1, max));
      expect(b.length).toBe(Math.min(5, max));
      expect(b[b.length - 1]).toBe(max);
      for (let i = 1; i < b.length; i++) expect(b[i]).toBeGreaterThan(b[i - 1]);
      expect(hexClass(1, b)).toBe(0);
      expect(hexClass(max, b)).toBe(b.length - 1);
    }
    expect(hexBreaks([])).toEqual([]);
  });

  it('spreads fewer classes over the whole ramp', () => {
    expect([0, 1].map((c) => hexColour(c, 2))).toEqual([HEX_RAMP[0], HEX_RAMP[4]]);
    expect([0, 1, 2, 3, 4].map((c) => hexColour(c, 5))).toEqual([...HEX_RAMP]);
  });
});
