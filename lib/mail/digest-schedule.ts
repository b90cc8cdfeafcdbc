/** DIGEST_WEEKDAY and DIGEST_TIME: when the weekly brief goes out, in REPORT_TIME_ZONE. */

export interface DigestTime {
  hour: number;
  minute: number;
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** ISO weekday 1 (Monday) … 7 (Sunday) from `1`-`7`, `mon`…`sun` or the full English name; null otherwise. */
export function parseDigestWeekday(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^[1-7]$/.test(t)) return Number(t);
  const i = DAYS.findIndex((d) => t === d || (t.length > 3 && `${d}${FULL[d]}` === t));
  return i < 0 ? null : i + 1;
}
const FULL: Record<string, string> = { mon: 'day', tue: 'sday', wed: 'nesday', thu: 'rsday', fri: 'day', sat: 'urday', sun: 'day' };

/** `{ hour, minute }` from a 24-hour `HH:MM` (or `H:MM`); null otherwise. */
export function parseDigestTime(text: string): DigestTime | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

/** `08:00` */
export const formatDigestTime = (t: DigestTime): string => `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;

/** `Monday` for 1 … `Sunday` for 7. */
export const weekdayName = (day: number): string => `${DAYS[day - 1][0].toUpperCase()}${DAYS[day - 1].slice(1)}${FULL[DAYS[day - 1]]}`;
