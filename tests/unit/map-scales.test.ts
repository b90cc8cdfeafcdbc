import { describe, expect, it } from 'vitest';
import {
  choroplethBreaks,
  choroplethClass,
  choroplethColour,
  CHOROPLETH_RAMP,
  clusterRadius,
  FALLBACK_COLOUR,
  groupColour,
  pointRadius,
} from '@/lib/map/scales';

describe('map scales', () => {
  it('radius grows with casualties and is capped', () => {
    expect(pointRadius(null, null)).toBe(4);
    expect(pointRadius(10, 0)).toBeGreaterThan(pointRadius(1, 0));
    expect(pointRadius(100_000, 0)).toBe(18);
    expect(clusterRadius(10_000)).toBeGreaterThan(clusterRadius(10));
    expect(clusterRadius(10 ** 9)).toBe(30);
  });

  it('group colours fall back for unknown groups and reject non-hex values', () => {
    expect(groupColour('ttp', { ttp: '#D55E00' })).toBe('#D55E00');
    expect(groupColour('x', {})).toBe(FALLBACK_COLOUR);
    expect(groupColour('x', { x: 'url(javascript:1)' })).toBe(FALLBACK_COLOUR);
  });

  it('choropleth classes cover 0…max in whole steps', () => {
    const breaks = choroplethBreaks([0, 12, 48, 100]);
    expect(breaks).toEqual([20, 40, 60, 80, 100]);
    expect(choroplethClass(1, breaks)).toBe(0);
    expect(choroplethClass(41, breaks)).toBe(2);
    expect(choroplethClass(100, breaks)).toBe(4);
    expect(choroplethColour(0, breaks)).toBe('transparent');
    expect(choroplethColour(100, breaks)).toBe(CHOROPLETH_RAMP[4]);
  });

  it('small maxima give fewer classes, using the dark end of the ramp', () => {
    const breaks = choroplethBreaks([1, 2]);
    expect(breaks).toEqual([1, 2]);
    expect(choroplethColour(2, breaks)).toBe(CHOROPLETH_RAMP[4]);
    expect(choroplethBreaks([0, 0])).toEqual([0]);
  });
});
