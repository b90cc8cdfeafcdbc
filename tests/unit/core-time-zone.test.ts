import { describe, expect, it } from 'vitest';
import { dayNumber, dayToDate, endOfLocalDayExclusive, isIsoDate, localDate, parseInstant, startOfLocalDay } from '@/lib/time/zone';
import { resolveOccurrence } from '@/lib/incidents/normalize';

describe('calendar days', () => {
  it('round-trips dates through day numbers', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayToDate(dayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(dayNumber('2024-12-16') - dayNumber('2024-12-15')).toBe(1);
  });
  it('rejects impossible dates', () => {
    expect(() => dayNumber('2023-02-29')).toThrow(RangeError);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-12-15')).toBe(true);
  });
});

describe('zones', () => {
  it('places an evening UTC instant on the next Karachi day', () => {
    expect(localDate(Date.parse('2024-12-15T20:30:00Z'), 'Asia/Karachi')).toBe('2024-12-16');
    expect(localDate(Date.parse('2024-12-15T18:59:59Z'), 'Asia/Karachi')).toBe('2024-12-15');
  });
  it('handles half-hour offsets (Kabul, UTC+4:30)', () => {
    expect(localDate(Date.parse('2024-12-15T19:29:00Z'), 'Asia/Kabul')).toBe('2024-12-15');
    expect(localDate(Date.parse('2024-12-15T19:30:00Z'), 'Asia/Kabul')).toBe('2024-12-16');
  });
  it('finds local midnight, including on a DST change day', () => {
    expect(new Date(startOfLocalDay('2024-12-16', 'Asia/Karachi')).toISOString()).toBe('2024-12-15T19:00:00.000Z');
    // Europe/London springs forward on 2024-03-31: that day is 23 hours long.
    const start = startOfLocalDay('2024-03-31', 'Europe/London');
    expect(new Date(start).toISOString()).toBe('2024-03-31T00:00:00.000Z');
    expect(endOfLocalDayExclusive('2024-03-31', 'Europe/London') - start).toBe(23 * 3_600_000);
  });
  it('parses only instants with an explicit offset', () => {
    expect(parseInstant('2024-12-15T20:30:00Z')).toBe(Date.parse('2024-12-15T20:30:00Z'));
    expect(parseInstant('2024-12-15T20:30:00+05:00')).toBe(Date.parse('2024-12-15T15:30:00Z'));
    expect(parseInstant('2024-12-15T20:30:00')).toBeNull();
    expect(parseInstant('yesterday')).toBeNull();
  });
});

describe('resolveOccurrence', () => {
  it('keeps a bare date as given, whatever the reporting zone', () => {
    for (const tz of ['Asia/Karachi', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      const r = resolveOccurrence('2024-12-15', tz);
      expect(r.hasTime).toBe(false);
      expect(dayToDate(r.occurredDay)).toBe('2024-12-15');
    }
  });
  it('assigns an instant to its local day in the reporting zone', () => {
    const r = resolveOccurrence('2024-12-15T20:30:00Z', 'Asia/Karachi');
    expect(r).toEqual({ occurredAt: Date.parse('2024-12-15T20:30:00Z'), occurredDay: dayNumber('2024-12-16'), hasTime: true });
    expect(resolveOccurrence('2024-12-15T20:30:00Z', 'UTC').occurredDay).toBe(dayNumber('2024-12-15'));
  });
});
