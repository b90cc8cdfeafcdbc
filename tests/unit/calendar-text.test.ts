import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatCalendarValue, formatInstantIn, parseCalendarText } from '@/lib/time/calendar-text';
import { formatOccurred } from '@/components/incidents/format';
import { formatUtc } from '@/lib/time/format-utc';

describe('the one date format', () => {
  it('writes dates as the incident list does ("5 Dec 2026")', () => {
    for (const d of ['2026-12-05', '2024-01-31', '2025-09-01', '2000-02-29']) {
      const listed = formatOccurred({ occurredAt: `${d}T12:00:00Z`, occurredDate: d, hasTime: false, timePrecision: 1 }, 'UTC');
      expect(formatCalendarDate(d)).toBe(listed);
    }
    expect(formatCalendarDate('2026-12-05')).toBe('5 Dec 2026');
    expect(formatCalendarValue('2026-12-05T14:30')).toBe('5 Dec 2026 14:30');
  });

  it('names the zone with a time', () => {
    expect(formatUtc(Date.UTC(2026, 11, 5, 9, 7))).toBe('5 Dec 2026 09:07 UTC');
    expect(formatInstantIn(Date.UTC(2026, 11, 5, 21, 30), 'Asia/Karachi', 'PKT')).toBe('6 Dec 2026 02:30 PKT');
    expect(formatUtc(null)).toBe('—');
  });
});

describe('reading typed dates', () => {
  it.each([
    ['5 Dec 2026', '2026-12-05'],
    ['05 dec 2026', '2026-12-05'],
    ['5 December 2026', '2026-12-05'],
    ['5 Sept 2026', '2026-09-05'],
    ['Dec 5, 2026', '2026-12-05'],
    ['2026-12-05', '2026-12-05'],
    ['2026-1-5', '2026-01-05'],
    // Numerals are day first, like the displayed form: 05/12 is 5 December, not 12 May.
    ['05/12/2026', '2026-12-05'],
    ['5.12.2026', '2026-12-05'],
    ['  ', ''],
  ])('%s → %s', (text, value) => {
    expect(parseCalendarText(text)).toEqual({ ok: true, value });
  });

  it.each(['31 Feb 2026', '5 Dex 2026', '13/13/2026', '2026-12-05T14:30', 'yesterday', '5 De 2026', 'x'.repeat(41)])(
    'rejects %s',
    (text) => {
      const r = parseCalendarText(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/5 Dec 2026/);
    },
  );

  it('reads a date with a time of day, and a date alone as a date', () => {
    expect(parseCalendarText('5 Dec 2026 14:30', true)).toEqual({ ok: true, value: '2026-12-05T14:30' });
    expect(parseCalendarText('2026-12-05T14:30', true)).toEqual({ ok: true, value: '2026-12-05T14:30' });
    expect(parseCalendarText('2026-12-05 9:05', true)).toEqual({ ok: true, value: '2026-12-05T09:05' });
    expect(parseCalendarText('5 Dec 2026', true)).toEqual({ ok: true, value: '2026-12-05' });
    expect(parseCalendarText('5 Dec 2026 24:10', true).ok).toBe(false);
    expect(parseCalendarText('2026-12-05T14:60', true).ok).toBe(false);
  });

  it('round-trips every day it displays', () => {
    for (let day = Date.UTC(2023, 0, 1); day < Date.UTC(2027, 0, 1); day += 86_400_000 * 3) {
      const iso = new Date(day).toISOString().slice(0, 10);
      expect(parseCalendarText(formatCalendarDate(iso))).toEqual({ ok: true, value: iso });
    }
  });
});

describe('the audit page without JavaScript', () => {
  it('reads the displayed forms as the same bounds as the ISO ones, and names a bad field', async () => {
    const { auditFilterSchema, auditBound } = await import('@/lib/validation/audit-filter');
    const shown = auditFilterSchema.parse({ from: '5 Dec 2026', to: '6 Dec 2026 14:30' });
    expect(shown).toMatchObject({ from: '2026-12-05', to: '2026-12-06T14:30' });
    expect(auditBound(shown.from, false)).toBe(Date.UTC(2026, 11, 5));
    expect(auditBound(shown.to, true)).toBe(Date.UTC(2026, 11, 6, 14, 30));
    const bad = auditFilterSchema.safeParse({ from: '31 Feb 2026' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['from']);
  });
});
