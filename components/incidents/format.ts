import type { IncidentItem } from '@/lib/incidents/item';

const PRECISION = { 1: 'day', 2: 'week', 3: 'month' } as const;

// Building an Intl.DateTimeFormat costs far more than using one: a list re-render made dozens.
const formats = new Map<string, Intl.DateTimeFormat>();
function fmt(o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(o);
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat('en-GB', o)));
  return f;
}

/**
 * A date as analysts read it, honest about precision: "15 Dec 2024, 20:30 PKT" for timed rows,
 * "15 Dec 2024" for dates, "Dec 2024, month precision" / "week of 9 Dec 2024, week precision".
 */
export function formatOccurred(
  item: Pick<IncidentItem, 'occurredAt' | 'occurredDate' | 'hasTime' | 'timePrecision'>,
  timeZone: string,
): string {
  const day = new Date(`${item.occurredDate}T12:00:00Z`);
  const dateFmt = (o: Intl.DateTimeFormatOptions) => fmt({ ...o, timeZone: 'UTC' }).format(day);
  if (item.timePrecision === 3) return `${dateFmt({ month: 'short', year: 'numeric' })}, month precision`;
  if (item.timePrecision === 2) return `week of ${dateFmt({ day: 'numeric', month: 'short', year: 'numeric' })}, week precision`;
  if (!item.hasTime) return dateFmt({ day: 'numeric', month: 'short', year: 'numeric' });
  return fmt({
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(item.occurredAt));
}

export const precisionLabel = (p: number) => PRECISION[p as 1 | 2 | 3] ?? 'unknown';

export const formatCount = (n: number | null) => (n === null ? 'unknown' : n.toLocaleString('en-US'));

export function placeOf(item: Pick<IncidentItem, 'location' | 'admin2' | 'admin1' | 'country'>): string {
  return [item.location, item.admin2, item.admin1, item.country].filter((v, i, a) => v && a.indexOf(v) === i).join(', ');
}

/** Only http(s) URLs become links; anything else is shown as text. */
export function safeUrl(s: string): string | null {
  try {
    const u = new URL(s.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export const humanize = (s: string) => s.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** Compact date for tables ("25 Nov 2026 05:44", "Dec 2024 (month)"); the zone is stated once in the header. */
export function formatShort(
  item: Pick<IncidentItem, 'occurredAt' | 'occurredDate' | 'hasTime' | 'timePrecision'>,
  timeZone: string,
): string {
  const day = new Date(`${item.occurredDate}T12:00:00Z`);
  if (item.timePrecision === 3) return `${fmt({ month: 'short', year: 'numeric', timeZone: 'UTC' }).format(day)} (month)`;
  const date = fmt({ day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(day);
  if (item.timePrecision === 2) return `${date} (week)`;
  if (!item.hasTime) return date;
  return `${date} ${fmt({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(item.occurredAt))}`;
}
