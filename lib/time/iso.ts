const DAY_MS = 86_400_000;
// Date#toISOString writes four-digit years only from 0000 to 9999 (beyond: ±YYYYYY): left to it.
const FIRST_MS = new Date(0).setUTCFullYear(0, 0, 1);
const LAST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const MAX_DAYS_KEPT = 100_000;

const days = new Map<number, string>();
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** `YYYY-MM-DD` of a day number (days since 1970-01-01), kept: rows share a few thousand days. */
export function isoDay(day: number): string {
  let s = days.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    // A bound so odd input cannot grow the map without limit (a century is ~36,500 days).
    if (days.size >= MAX_DAYS_KEPT) days.clear();
    days.set(day, s);
  }
  return s;
}

/**
 * `new Date(ms).toISOString()`, byte for byte (tests/unit/iso-time.test.ts holds the two
 * together), for the instants every item carries. An export formats three per row, a million
 * rows: Date's formatter cost ~0.5 µs each, the kept day and a few table look-ups ~0.1 µs.
 */
export function isoInstant(ms: number): string {
  if (!Number.isInteger(ms) || ms < FIRST_MS || ms > LAST_MS) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  let rest = ms - day * DAY_MS;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const sec = rest % 60;
  rest = (rest - sec) / 60;
  const min = rest % 60;
  const hour = (rest - min) / 60;
  return `${isoDay(day)}T${PAD2[hour]}:${PAD2[min]}:${PAD2[sec]}.${PAD3[milli]}Z`;
}
