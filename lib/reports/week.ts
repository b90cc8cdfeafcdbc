import { addWeeks, formatWeek, mondayOf, parseWeek, weekOfDay, weeksInYear, weekStartDay, type IsoWeek } from '@/lib/time/iso-week';
import { dayToDate, localDay, startOfLocalDay } from '@/lib/time/zone';

/** Everything a weekly report needs to know about its week, as integer days and instants. */
export interface WeekBounds {
  week: string;
  /** Monday and Sunday as day numbers (days since 1970-01-01) in the reporting zone. */
  startDay: number;
  endDay: number;
  /** Monday and Sunday as `YYYY-MM-DD`. */
  start: string;
  end: string;
  /** First instant of Monday and first instant after Sunday in the reporting zone (epoch ms). */
  startsAtMs: number;
  endsAtMs: number;
}

export function weekBounds(w: IsoWeek, timeZone: string): WeekBounds {
  const startDay = weekStartDay(w);
  const endDay = startDay + 6;
  const start = dayToDate(startDay);
  const end = dayToDate(endDay);
  return {
    week: formatWeek(w),
    startDay,
    endDay,
    start,
    end,
    startsAtMs: startOfLocalDay(start, timeZone),
    endsAtMs: startOfLocalDay(dayToDate(endDay + 1), timeZone),
  };
}

/** The ISO week containing `nowMs` in `timeZone` (possibly still running). */
export function currentWeek(nowMs: number, timeZone: string): IsoWeek {
  return weekOfDay(localDay(nowMs, timeZone));
}

/** The most recent week whose Sunday has ended in `timeZone`. */
export function latestCompleteWeek(nowMs: number, timeZone: string): IsoWeek {
  return addWeeks(currentWeek(nowMs, timeZone), -1);
}

/** `n` consecutive weeks ending with `last`, oldest first. */
export function weeksEndingWith(last: IsoWeek, n: number): IsoWeek[] {
  return Array.from({ length: n }, (_, i) => addWeeks(last, i - (n - 1)));
}

/** ISO week string of a day number. */
export function weekIdOfDay(day: number): string {
  return formatWeek(weekOfDay(day));
}

/** Index (0-based) of the week containing `day`, counting whole weeks from the Monday `baseMonday`. */
export function weekIndexFrom(baseMonday: number, day: number): number {
  return Math.floor((mondayOf(day) - baseMonday) / 7);
}

/**
 * Why a week parameter is rejected, or null when it is a real ISO week. Messages name the
 * accepted form so a 400 tells the caller how to fix the request.
 */
export function weekProblem(s: string): string | null {
  if (!/^\d{4}-W\d{2}$/.test(s)) return 'must be an ISO week like 2024-W50';
  if (parseWeek(s)) return null;
  const year = Number(s.slice(0, 4));
  if (year < 1900 || year > 2999) return 'year must be between 1900 and 2999';
  const n = weeksInYear(year);
  return `${year} has ${n} ISO weeks; week must be between 01 and ${n}`;
}

/** Short human range: "9–15 Dec 2024" or "30 Dec 2024 – 5 Jan 2025". */
export function formatWeekRange(startDay: number, endDay: number): string {
  const fmt = (day: number, withYear: boolean, withMonth = true) =>
    new Date(day * 86_400_000).toLocaleDateString('en-GB', {
      day: 'numeric',
      ...(withMonth ? { month: 'short' } : {}),
      ...(withYear ? { year: 'numeric' } : {}),
      timeZone: 'UTC',
    });
  const a = new Date(startDay * 86_400_000);
  const b = new Date(endDay * 86_400_000);
  if (a.getUTCFullYear() !== b.getUTCFullYear()) return `${fmt(startDay, true)} – ${fmt(endDay, true)}`;
  if (a.getUTCMonth() !== b.getUTCMonth()) return `${fmt(startDay, false)} – ${fmt(endDay, true)}`;
  return `${fmt(startDay, false, false)}–${fmt(endDay, true)}`;
}

export { formatWeek, parseWeek, type IsoWeek };
