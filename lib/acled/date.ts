import { boundedMemo } from '@/lib/memo';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthIndex(name: string): number {
  const n = name.toLowerCase();
  if (n.length < 3) return -1;
  return MONTHS.findIndex((m) => m === n || (n.length === 3 && m.startsWith(n)) || (n === 'sept' && m === 'september'));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function validDate(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/**
 * ACLED `event_date` → `YYYY-MM-DD`. ACLED exports use ISO dates (`2024-12-15`) or the
 * spelled-out form (`15 December 2024`, also `15-Dec-2024`); anything else is null. Memoized: a
 * file's rows share a few thousand dates, and the regular expressions, a Date and the padded text
 * per row were ~5 % of the import's parsing worker in a profile.
 */
export const parseAcledDate = boundedMemo(parseDate, { max: 10_000, maxKeyLength: 40 });

function parseDate(value: string): string | null {
  const s = value.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4})$/.exec(s);
  if (m) {
    const mi = monthIndex(m[2]);
    return mi < 0 ? null : validDate(Number(m[3]), mi + 1, Number(m[1]));
  }
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(s);
  if (m) {
    const mi = monthIndex(m[1]);
    return mi < 0 ? null : validDate(Number(m[3]), mi + 1, Number(m[2]));
  }
  return null;
}
