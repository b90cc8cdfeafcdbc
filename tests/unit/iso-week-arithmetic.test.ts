import { describe, expect, it } from 'vitest';
import { addWeeks, formatWeek, isoWeekday, mondayOf, parseWeek, weekOfDay, weeksInYear, weekStartDay } from '@/lib/time/iso-week';
import { dayNumber, dayToDate } from '@/lib/time/zone';

const weekOf = (date: string) => formatWeek(weekOfDay(dayNumber(date)));

describe('ISO week of a calendar date', () => {
  it('puts the last days of December in week 1 of the next year when their Thursday is', () => {
    expect(weekOf('2024-12-29')).toBe('2024-W52');
    expect(weekOf('2024-12-30')).toBe('2025-W01');
    expect(weekOf('2024-12-31')).toBe('2025-W01');
    expect(weekOf('2025-01-05')).toBe('2025-W01');
    expect(weekOf('2025-01-06')).toBe('2025-W02');
  });

  it('puts early January days in week 52/53 of the previous year when their Thursday is', () => {
    expect(weekOf('2021-01-03')).toBe('2020-W53');
    expect(weekOf('2023-01-01')).toBe('2022-W52');
    expect(weekOf('2016-01-01')).toBe('2015-W53');
  });

  it('handles the 53-week year 2026: 31 Dec 2026 and 1–3 Jan 2027 are in 2026-W53', () => {
    expect(weeksInYear(2026)).toBe(53);
    expect(weekOf('2026-12-28')).toBe('2026-W53');
    expect(weekOf('2026-12-31')).toBe('2026-W53');
    expect(weekOf('2027-01-01')).toBe('2026-W53');
    expect(weekOf('2027-01-03')).toBe('2026-W53');
    expect(weekOf('2027-01-04')).toBe('2027-W01');
    expect(dayToDate(weekStartDay({ year: 2026, week: 53 }))).toBe('2026-12-28');
  });

  it('knows which years have 53 weeks', () => {
    const long = [2004, 2009, 2015, 2020, 2026, 2032, 2037];
    for (let y = 2000; y <= 2040; y++) expect(weeksInYear(y), String(y)).toBe(long.includes(y) ? 53 : 52);
  });

  it('is consistent with weekday arithmetic over many years', () => {
    const from = dayNumber('1999-12-20');
    const to = dayNumber('2031-01-10');
    for (let d = from; d <= to; d++) {
      const w = weekOfDay(d);
      expect(weekStartDay(w)).toBe(mondayOf(d));
      expect(isoWeekday(d)).toBe(d - mondayOf(d) + 1);
      expect(parseWeek(formatWeek(w))).toEqual(w);
    }
  });
});

describe('parseWeek / addWeeks', () => {
  it('rejects malformed and non-existent weeks', () => {
    for (const bad of ['2024-W54', '2024-50', '2025-W53', '2024-W00', '2024-w50', '24-W50', '2024-W5', ' 2024-W50', '2024-W50x']) {
      expect(parseWeek(bad), bad).toBeNull();
    }
    expect(parseWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
    expect(parseWeek('2020-W53')).toEqual({ year: 2020, week: 53 });
  });

  it('adds weeks across year boundaries, including week 53', () => {
    expect(formatWeek(addWeeks({ year: 2026, week: 52 }, 1))).toBe('2026-W53');
    expect(formatWeek(addWeeks({ year: 2026, week: 53 }, 1))).toBe('2027-W01');
    expect(formatWeek(addWeeks({ year: 2025, week: 52 }, 1))).toBe('2026-W01');
    expect(formatWeek(addWeeks({ year: 2025, week: 1 }, -1))).toBe('2024-W52');
    expect(formatWeek(addWeeks({ year: 2024, week: 50 }, -11))).toBe('2024-W39');
    expect(formatWeek(addWeeks({ year: 2027, week: 2 }, -2))).toBe('2026-W53');
  });
});
