import { describe, expect, it } from 'vitest';
import { matchPreset, presetRange, TIME_PRESETS } from '@/lib/filters/presets';
import { parseDashboardSearch } from '@/lib/filters/url';
import { filterToSearch } from '@/lib/validation/incident-filter';

const TZ = 'Asia/Karachi';
// 2024-12-15 20:30 UTC is already 16 Dec in Karachi (UTC+5).
const NOW = Date.parse('2024-12-15T20:30:00Z');

describe('time presets', () => {
  it('day presets are whole calendar days in the reporting zone, ending today', () => {
    expect(presetRange('7d', NOW, TZ)).toEqual({ from: '2024-12-10', to: '2024-12-16' });
    expect(presetRange('30d', NOW, TZ)).toEqual({ from: '2024-11-17', to: '2024-12-16' });
    expect(presetRange('90d', NOW, TZ)).toEqual({ from: '2024-09-18', to: '2024-12-16' });
    expect(presetRange('1y', NOW, TZ)).toEqual({ from: '2023-12-18', to: '2024-12-16' });
    expect(presetRange('7d', NOW, 'UTC')).toEqual({ from: '2024-12-09', to: '2024-12-15' });
  });

  it('24 h is a rolling window of instants, open at the end so live incidents stay in', () => {
    expect(presetRange('24h', NOW, TZ)).toEqual({ from: '2024-12-14T20:30:00Z', to: undefined });
    expect(presetRange('all', NOW, TZ)).toEqual({ from: undefined, to: undefined });
  });

  it('every preset survives the URL and is recognised again', () => {
    for (const p of TIME_PRESETS) {
      const range = presetRange(p, NOW, TZ);
      const back = parseDashboardSearch(filterToSearch(range));
      expect(back.invalid).toEqual([]);
      expect(matchPreset(back.filter, NOW, TZ)).toBe(p);
    }
  });

  it('recognises 24 h a few minutes later, but not a custom range', () => {
    expect(matchPreset(presetRange('24h', NOW, TZ), NOW + 10 * 60_000, TZ)).toBe('24h');
    expect(matchPreset(presetRange('24h', NOW, TZ), NOW + 3 * 3_600_000, TZ)).toBeNull();
    expect(matchPreset({ from: '2024-12-01', to: '2024-12-16' }, NOW, TZ)).toBeNull();
    // A 7-day link opened the next day is a fixed window, not "7 d" any more.
    expect(matchPreset(presetRange('7d', NOW, TZ), NOW + 86_400_000, TZ)).toBeNull();
  });
});
