import { addWeeks, formatWeek, weekStartDay } from '@/lib/time/iso-week';
import { currentWeek, latestCompleteWeek } from '@/lib/reports/week';
import { dayToDate, startOfLocalDay } from '@/lib/time/zone';

/** When the weekly brief goes out: ISO weekday (1 = Monday … 7 = Sunday) and local time. */
export interface DigestSchedule {
  weekday: number;
  hour: number;
  minute: number;
}

export const DEFAULT_DIGEST_SCHEDULE: DigestSchedule = { weekday: 1, hour: 8, minute: 0 };

/**
 * The instant of this ISO week's digest in `timeZone`: the weekday's local midnight plus the time
 * of day (on a day whose clocks change before that time, the hour moves with them).
 */
export function digestInstant(nowMs: number, s: DigestSchedule, timeZone: string): number {
  const day = weekStartDay(currentWeek(nowMs, timeZone)) + s.weekday - 1;
  return startOfLocalDay(dayToDate(day), timeZone) + (s.hour * 60 + s.minute) * 60_000;
}

/**
 * What is due now: once this week's digest instant has passed, the brief of the last complete ISO
 * week, for subscriptions that existed at that instant (a later one waits for next week or is sent
 * by hand). Null before the instant. Runs every minute; the ledger makes repeats harmless, and a
 * server that was down at the instant catches up when it comes back within the week.
 */
export function dueDigest(nowMs: number, s: DigestSchedule, timeZone: string): { week: string; scheduledAt: number } | null {
  const at = digestInstant(nowMs, s, timeZone);
  if (nowMs < at) return null;
  return { week: formatWeek(latestCompleteWeek(nowMs, timeZone)), scheduledAt: at };
}

/** The next digest instant after `nowMs` (for the page and logs). */
export function nextDigestAt(nowMs: number, s: DigestSchedule, timeZone: string): number {
  const at = digestInstant(nowMs, s, timeZone);
  if (at > nowMs) return at;
  const next = addWeeks(currentWeek(nowMs, timeZone), 1);
  return startOfLocalDay(dayToDate(weekStartDay(next) + s.weekday - 1), timeZone) + (s.hour * 60 + s.minute) * 60_000;
}
