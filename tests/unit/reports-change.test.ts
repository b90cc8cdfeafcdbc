import { describe, expect, it } from 'vitest';
import { direction, exceedsTolerance, percentChange } from '@/lib/reports/change';
import { averageBefore, keyedRows, regionRows, trendWeeks } from '@/lib/reports/assemble';

describe('percentChange handles zero baselines honestly', () => {
  it('0 → 0 is unchanged', () => {
    expect(percentChange(0, 0)).toMatchObject({ kind: 'unchanged', pct: 0, delta: 0, label: 'unchanged' });
  });
  it('0 → n is new with no percentage (never +∞%)', () => {
    const c = percentChange(0, 7);
    expect(c).toMatchObject({ kind: 'new', pct: null, delta: 7, label: 'new (no baseline)' });
    expect(c.label).not.toMatch(/∞|Infinity|NaN/);
  });
  it('n → 0 is −100%', () => {
    expect(percentChange(5, 0)).toMatchObject({ kind: 'down', pct: -100, delta: -5, label: '−100%' });
  });
  it('rounds ordinary changes and signs them', () => {
    expect(percentChange(10, 14)).toMatchObject({ kind: 'up', pct: 40, label: '+40%' });
    expect(percentChange(3, 2)).toMatchObject({ kind: 'down', pct: -33, label: '−33%' });
    expect(percentChange(7, 7)).toMatchObject({ kind: 'unchanged', pct: 0 });
  });
  it('never claims +0% for a real but tiny change', () => {
    expect(percentChange(1000, 1001)).toMatchObject({ kind: 'up', pct: 0, label: '<+1%' });
  });
  it('works against a fractional 4-week average', () => {
    expect(percentChange(2.5, 5)).toMatchObject({ kind: 'up', pct: 100, delta: 2.5 });
    expect(percentChange(0.25, 0)).toMatchObject({ kind: 'down', pct: -100 });
  });
});

describe('CrisisWatch-style direction', () => {
  it('more incidents or more killed beyond the tolerance is a deterioration', () => {
    expect(direction({ incidents: 10, killed: 10 }, { incidents: 14, killed: 10 })).toBe('deteriorated');
    expect(direction({ incidents: 10, killed: 10 }, { incidents: 6, killed: 30 })).toBe('deteriorated');
    expect(direction({ incidents: 0, killed: 0 }, { incidents: 2, killed: 0 })).toBe('deteriorated');
  });
  it('fewer with nothing rising is an improvement', () => {
    expect(direction({ incidents: 10, killed: 20 }, { incidents: 10, killed: 5 })).toBe('improved');
    expect(direction({ incidents: 5, killed: 3 }, { incidents: 0, killed: 0 })).toBe('improved');
  });
  it('moves within the tolerance (±1, or ±10% of large baselines) are unchanged', () => {
    expect(direction({ incidents: 3, killed: 2 }, { incidents: 4, killed: 1 })).toBe('unchanged');
    expect(direction({ incidents: 100, killed: 200 }, { incidents: 109, killed: 181 })).toBe('unchanged');
    expect(exceedsTolerance(100, 111)).toBe(true);
    expect(exceedsTolerance(0, 1)).toBe(false);
  });
});

describe('assembly of SQL cells', () => {
  const c = (wk: number, region: string | null, incidents: number, killed = 0, injured = 0) => ({ wk, region, incidents, killed, injured });
  const cells = [c(11, 'kp', 14, 20, 3), c(10, 'kp', 10, 4), c(11, null, 2, 1), c(9, 'kp', 4), c(7, 'balochistan', 4, 8), c(6, 'kp', 100)];

  it('averages the four weeks before the report week (exact to 2 decimals)', () => {
    expect(averageBefore(cells, 11)).toEqual({ incidents: 4.5, killed: 3, injured: 0 });
  });
  it('lists the four regions and Elsewhere with previous week and delta', () => {
    const rows = regionRows(cells, 11);
    expect(rows.map((r) => r.region)).toEqual(['kp', 'balochistan', 'barmal', 'tajikistan', 'none']);
    expect(rows[0]).toMatchObject({
      incidents: 14,
      killed: 20,
      previous: { incidents: 10, killed: 4 },
      delta: { incidents: 4, killed: 16 },
    });
    expect(rows[4]).toMatchObject({ name: 'Elsewhere', incidents: 2, previous: { incidents: 0 } });
    expect(regionRows(cells, 11, ['none']).map((r) => r.region)).toEqual(['none']);
  });
  it('builds the trend oldest first with per-region stacks', () => {
    const weeks = Array.from({ length: 12 }, (_, i) => ({ week: `W${i}`, start: `d${i}` }));
    const t = trendWeeks(cells, weeks);
    expect(t).toHaveLength(12);
    expect(t[11]).toMatchObject({ week: 'W11', incidents: 16, killed: 21, byRegion: { kp: { incidents: 14 }, none: { incidents: 2 } } });
    expect(t[0].incidents).toBe(0);
  });
  it('orders keyed rows busiest first and keeps last week only rows', () => {
    const rows = keyedRows([
      { wk: 1, key: 'ttp', incidents: 6, killed: 1, injured: 0, claimed: 4 },
      { wk: 0, key: 'bla', incidents: 3, killed: 2, injured: 0, claimed: 1 },
      { wk: 1, key: 'iskp', incidents: 6, killed: 9, injured: 0, claimed: 0 },
    ]);
    expect(rows.map((r) => r.key)).toEqual(['iskp', 'ttp', 'bla']);
    expect(rows[2]).toMatchObject({ incidents: 0, previous: { incidents: 3 }, claimed: 0, change: { incidents: { pct: -100 } } });
    expect(rows[1].claimed).toBe(4);
  });
});
