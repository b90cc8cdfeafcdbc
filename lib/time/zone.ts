import { TZDate } from '@date-fns/tz';
import { boundedMemo } from '@/lib/memo';
import { isoDay } from './iso';

const DAY_MS = 86_400_000;

// An import asks for the same few thousand dates hundreds of thousands of times.
/** Days since 1970-01-01 for a calendar date `YYYY-MM-DD` (no zone involved). */
export const dayNumber = boundedMemo(computeDayNumber, { max: 10_000 });

function computeDayNumber(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`not a calendar date: ${isoDate}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms);
  if (back.getUTCFullYear() !== Number(m[1]) || back.getUTCMonth() !== Number(m[2]) - 1 || back.getUTCDate() !== Number(m[3])) {
    throw new RangeError(`not a calendar date: ${isoDate}`);
  }
  return Math.floor(ms / DAY_MS);
}

/** `YYYY-MM-DD` for a day number. */
export function dayToDate(day: number): string {
  return isoDay(day);
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in `timeZone`. */
export function localDate(instantMs: number, timeZone: string): string {
  const d = new TZDate(instantMs, timeZone);
  const y = d.getFullYear();
  const mo = String(d.getMonth() + 1).padStart(2, '0');
  const da = String(d.getDate()).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${mo}-${da}`;
}

/** Day number of the local calendar date of an instant in `timeZone`. */
export function localDay(instantMs: number, timeZone: string): number {
  return dayNumber(localDate(instantMs, timeZone));
}

/** The instant at which local calendar date `isoDate` starts in `timeZone` (handles DST gaps). */
export function startOfLocalDay(isoDate: string, timeZone: string): number {
  const day = dayNumber(isoDate);
  const d = new Date(day * DAY_MS);
  return new TZDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 0, 0, 0, 0, timeZone).getTime();
}

/** First instant after local calendar date `isoDate` ends in `timeZone`. */
export function endOfLocalDayExclusive(isoDate: string, timeZone: string): number {
  return startOfLocalDay(dayToDate(dayNumber(isoDate) + 1), timeZone);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  try {
    dayNumber(s);
    return true;
  } catch {
    return false;
  }
}

/** Parses an ISO instant with an explicit offset; returns epoch ms or null. */
export function parseInstant(s: string): number | null {
  if (!ISO_INSTANT.test(s)) return null;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? ms : null;
}
