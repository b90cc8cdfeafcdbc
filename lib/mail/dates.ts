/** Dates as a mail shows them: "5 Dec 2026", and instants with the zone named ("5 Dec 2026, 14:30 Asia/Karachi"). */

const DATE = { day: 'numeric', month: 'short', year: 'numeric' } as const;

/** A calendar date `YYYY-MM-DD` (a day, not an instant: no zone shift) as "5 Dec 2026". */
export function mailDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  return new Intl.DateTimeFormat('en-GB', { ...DATE, timeZone: 'UTC' }).format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** An instant (ms or ISO text) as "5 Dec 2026, 14:30 Asia/Karachi"; `withTime: false` gives the local date only. */
export function mailInstant(at: number | string, timeZone: string, withTime = true): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) return String(at);
  const date = new Intl.DateTimeFormat('en-GB', { ...DATE, timeZone }).format(ms);
  if (!withTime) return date;
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(ms);
  return `${date}, ${time} ${timeZone}`;
}

/** "9–15 Dec 2024" / "30 Dec 2024 – 5 Jan 2025" for a week's first and last calendar dates. */
export function mailDateRange(start: string, end: string): string {
  const [a, b] = [mailDate(start), mailDate(end)];
  const [ad, am, ay] = a.split(' ');
  const [, bm, by] = b.split(' ');
  if (ay !== by) return `${a} – ${b}`;
  if (am !== bm) return `${ad} ${am} – ${b}`;
  return `${ad}–${b}`;
}
