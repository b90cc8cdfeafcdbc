import { dayNumber, dayToDate } from './zone';

/** ISO week identifiers like `2024-W50`. Day numbers count days since 1970-01-01 (a Thursday). */
export interface IsoWeek {
  year: number;
  week: number;
}

const WEEK_RE = /^(\d{4})-W(\d{2})$/;

/** Weekday of a day number, Monday = 1 … Sunday = 7. */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Monday of the ISO week containing `day`. */
export function mondayOf(day: number): number {
  return day - (isoWeekday(day) - 1);
}

export function weekOfDay(day: number): IsoWeek {
  const thursday = mondayOf(day) + 3;
  const year = Number(dayToDate(thursday).slice(0, 4));
  const jan4 = dayNumber(`${year}-01-04`);
  const week = Math.floor((thursday - mondayOf(jan4)) / 7) + 1;
  return { year, week };
}

export function weeksInYear(year: number): number {
  return weekOfDay(dayNumber(`${year}-12-28`)).week;
}

export function formatWeek(w: IsoWeek): string {
  return `${w.year}-W${String(w.week).padStart(2, '0')}`;
}

/** Parses `YYYY-Www`; null when malformed or when the year has no such week. */
export function parseWeek(s: string): IsoWeek | null {
  const m = WEEK_RE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 1900 || year > 2999 || week < 1 || week > weeksInYear(year)) return null;
  return { year, week };
}

/** First (Monday) day number of an ISO week. */
export function weekStartDay(w: IsoWeek): number {
  return mondayOf(dayNumber(`${w.year}-01-04`)) + (w.week - 1) * 7;
}

export function addWeeks(w: IsoWeek, n: number): IsoWeek {
  return weekOfDay(weekStartDay(w) + n * 7);
}
