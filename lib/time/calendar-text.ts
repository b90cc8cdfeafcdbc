/**
 * The one way the app writes and reads calendar dates: "5 Dec 2026" and "5 Dec 2026 14:30".
 * Display uses the same Intl options as every other date on the pages (en-GB, day numeric,
 * short month, numeric year), so a date input reads exactly like the list and the brief.
 *
 * Values stay as the forms and URLs have always carried them: `YYYY-MM-DD` for dates and
 * `YYYY-MM-DDTHH:mm` (no zone; the field's label names the zone) for dates with a time.
 */

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MINUTE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;

/** "5 Dec 2026" for `2026-12-05`; the input unchanged when it is not a real date. */
export function formatCalendarDate(isoDate: string): string {
  const ms = isoDayMs(isoDate);
  return ms === null ? isoDate : DAY.format(ms);
}

/** "5 Dec 2026 14:30" for `2026-12-05T14:30`; a bare date formats as a date. */
export function formatCalendarValue(value: string): string {
  const m = ISO_MINUTE.exec(value);
  if (!m) return formatCalendarDate(value);
  return `${formatCalendarDate(`${m[1]}-${m[2]}-${m[3]}`)} ${m[4]}:${m[5]}`;
}

/** "5 Dec 2026 14:30 UTC" for an instant, the zone always named. */
export function formatInstantIn(ms: number, timeZone: string, zoneName = timeZone): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${formatCalendarDate(`${get('year')}-${get('month')}-${get('day')}`)} ${get('hour')}:${get('minute')} ${zoneName}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Month number (1–12) for an English month name or any prefix of at least three letters ("Sept"). */
function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return null;
  const i = MONTHS.indexOf(w.slice(0, 3));
  if (i < 0) return null;
  const full = new Date(Date.UTC(2000, i, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' }).toLowerCase();
  return full.startsWith(w) || w === 'sept' ? i + 1 : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoDay(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function isoDayMs(isoDate: string): number | null {
  const m = ISO_DAY.exec(isoDate);
  if (!m) return null;
  const day = isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  return day ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

/** The date part of typed text: `2026-12-05`, `5 Dec 2026`, `Dec 5 2026`, or `05/12/2026` (day first). */
function parseDayText(text: string): string | null {
  const t = text.trim().replace(/,/g, ' ').replace(/\s+/g, ' ');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[ -]([A-Za-z]+\.?)[ -](\d{4})$/.exec(t);
  if (m) {
    const mo = monthOf(m[2]);
    return mo ? isoDay(Number(m[3]), mo, Number(m[1])) : null;
  }
  m = /^([A-Za-z]+\.?) (\d{1,2}) (\d{4})$/.exec(t);
  if (m) {
    const mo = monthOf(m[1]);
    return mo ? isoDay(Number(m[3]), mo, Number(m[2])) : null;
  }
  // Numeric dates are read day first, as they are written across the frontier (and in the
  // "5 Dec 2026" the field shows): 05/12/2026 is 5 December. The field redisplays what it read.
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(t);
  if (m) return isoDay(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

export type CalendarParse = { ok: true; value: string } | { ok: false; message: string };

export const DATE_HINT = 'a date like 5 Dec 2026 or 2026-12-05';
export const DATE_TIME_HINT = 'a date and time like 5 Dec 2026 14:30 or 2026-12-05T14:30';

/**
 * Reads what someone typed into a date field. Blank is a valid empty value. With `withTime`, a
 * time (`14:30`) may follow the date; without one the value is the date alone (`YYYY-MM-DD`).
 */
export function parseCalendarText(text: string, withTime = false): CalendarParse {
  const t = text.trim();
  if (t === '') return { ok: true, value: '' };
  if (t.length > 40) return { ok: false, message: `is too long for ${withTime ? DATE_TIME_HINT : DATE_HINT}` };
  const iso = ISO_MINUTE.exec(t);
  if (withTime && iso) {
    const day = isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return day && Number(iso[4]) < 24 && Number(iso[5]) < 60
      ? { ok: true, value: `${day}T${iso[4]}:${iso[5]}` }
      : { ok: false, message: `is not a real date and time: use ${DATE_TIME_HINT}` };
  }
  const timed = withTime ? /^(.*?)[ T](\d{1,2}):(\d{2})$/.exec(t) : null;
  const day = parseDayText(timed ? timed[1] : t);
  if (!day) return { ok: false, message: `is not ${withTime ? DATE_TIME_HINT : DATE_HINT}` };
  // A date without a time stays a date: a bound such as the audit page's "to" then covers the day.
  if (!withTime || !timed) return { ok: true, value: day };
  const h = Number(timed[2]);
  const mi = Number(timed[3]);
  if (h > 23 || mi > 59) return { ok: false, message: `has no such time of day: use ${DATE_TIME_HINT}` };
  return { ok: true, value: `${day}T${pad(h)}:${timed[3]}` };
}
