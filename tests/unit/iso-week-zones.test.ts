import { describe, expect, it } from 'vitest';
import { formatWeek, weekOfDay } from '@/lib/time/iso-week';
import { localDay } from '@/lib/time/zone';
import { currentWeek, latestCompleteWeek, weekBounds, weekProblem } from '@/lib/reports/week';

const weekAt = (iso: string, tz: string) => formatWeek(weekOfDay(localDay(Date.parse(iso), tz)));

describe('week of an instant in the reporting zone', () => {
  it('places 2024-12-15T20:30Z (Monday 01:30 in Karachi) in 2024-W51', () => {
    expect(weekAt('2024-12-15T20:30:00Z', 'Asia/Karachi')).toBe('2024-W51');
    expect(weekAt('2024-12-15T20:30:00Z', 'UTC')).toBe('2024-W50');
    expect(weekAt('2024-12-15T18:59:59Z', 'Asia/Karachi')).toBe('2024-W50');
    expect(weekAt('2024-12-15T19:00:00Z', 'Asia/Karachi')).toBe('2024-W51');
  });

  it('Karachi (no DST) weeks are exactly 168 hours starting Sunday 19:00 UTC', () => {
    const b = weekBounds({ year: 2024, week: 51 }, 'Asia/Karachi');
    expect(new Date(b.startsAtMs).toISOString()).toBe('2024-12-15T19:00:00.000Z');
    expect(new Date(b.endsAtMs).toISOString()).toBe('2024-12-22T19:00:00.000Z');
    expect(b.start).toBe('2024-12-16');
    expect(b.end).toBe('2024-12-22');
    // Mid-summer too: no daylight saving in Pakistan.
    const s = weekBounds({ year: 2024, week: 27 }, 'Asia/Karachi');
    expect(s.endsAtMs - s.startsAtMs).toBe(168 * 3_600_000);
  });

  it('New York: the spring-forward week is 167 hours and midnight after the switch is 04:00 UTC', () => {
    // DST began 2024-03-10 02:00 local; Monday 2024-03-11 starts at 04:00Z (EDT), not 05:00Z.
    expect(weekAt('2024-03-11T04:30:00Z', 'America/New_York')).toBe('2024-W11');
    expect(weekAt('2024-03-11T03:59:00Z', 'America/New_York')).toBe('2024-W10');
    const b = weekBounds({ year: 2024, week: 10 }, 'America/New_York');
    expect(new Date(b.startsAtMs).toISOString()).toBe('2024-03-04T05:00:00.000Z');
    expect(new Date(b.endsAtMs).toISOString()).toBe('2024-03-11T04:00:00.000Z');
    expect(b.endsAtMs - b.startsAtMs).toBe(167 * 3_600_000);
  });

  it('London: the autumn-back week is 169 hours; 23:30Z on the switch Sunday is still that Sunday', () => {
    expect(weekAt('2024-10-27T23:30:00Z', 'Europe/London')).toBe('2024-W43');
    expect(weekAt('2024-10-20T23:30:00Z', 'Europe/London')).toBe('2024-W43');
    const b = weekBounds({ year: 2024, week: 43 }, 'Europe/London');
    expect(b.endsAtMs - b.startsAtMs).toBe(169 * 3_600_000);
  });
});

describe('report week helpers', () => {
  it('latest complete week is the week before the running one, in the zone', () => {
    const now = Date.parse('2024-12-15T20:30:00Z'); // Monday in Karachi, still Sunday in UTC
    expect(formatWeek(currentWeek(now, 'Asia/Karachi'))).toBe('2024-W51');
    expect(formatWeek(latestCompleteWeek(now, 'Asia/Karachi'))).toBe('2024-W50');
    expect(formatWeek(latestCompleteWeek(now, 'UTC'))).toBe('2024-W49');
    expect(formatWeek(latestCompleteWeek(Date.parse('2027-01-05T12:00:00Z'), 'Asia/Karachi'))).toBe('2026-W53');
  });

  it('explains why a week parameter is rejected', () => {
    expect(weekProblem('2024-W50')).toBeNull();
    expect(weekProblem('2026-W53')).toBeNull();
    expect(weekProblem('2025-W53')).toMatch(/2025 has 52 ISO weeks/);
    expect(weekProblem('2024-W54')).toMatch(/2024 has 52 ISO weeks/);
    expect(weekProblem('2024-50')).toMatch(/ISO week like 2024-W50/);
    expect(weekProblem('0999-W10')).toMatch(/year/);
  });
});
