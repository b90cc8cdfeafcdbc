import { dayNumber, dayToDate, isIsoDate } from '@/lib/time/zone';

/** An incident's days as the matcher reads them; a range this long says too little to match on. */
export const MAX_MATCH_RANGE_DAYS = 31;

export interface DatedIncident {
  source: string;
  occurredDay: number;
  timePrecision: number;
  /** JSON of the dataset columns kept beside the row (UCDP keeps `date_end`). */
  acledExtra: string | null;
}

function ucdpEnd(extra: string | null): number | null {
  if (!extra) return null;
  try {
    const end = (JSON.parse(extra) as Record<string, unknown>).date_end;
    return typeof end === 'string' && isIsoDate(end.slice(0, 10)) ? dayNumber(end.slice(0, 10)) : null;
  } catch {
    return null;
  }
}

function monthOf(day: number): [number, number] {
  const [y, m] = dayToDate(day).split('-').map(Number);
  const first = Date.UTC(y, m - 1, 1) / 86_400_000;
  return [first, Date.UTC(y, m, 1) / 86_400_000 - 1];
}

/**
 * The days [first, last] an incident may have happened on, from what each dataset says of its
 * date: UCDP GED gives `date_start`..`date_end` (kept with the row); GTD's unknown day is stored
 * as the 15th (the month) and its unknown month as 1 July (the year), both precision 3
 * (lib/gtd/map-row.ts); otherwise ACLED's precision: 1 the day, 2 within a week around it,
 * 3 the month.
 */
export function dayRange(i: DatedIncident): [number, number] {
  const d = i.occurredDay;
  if (i.source === 'ucdp') {
    const end = ucdpEnd(i.acledExtra);
    if (end !== null && end >= d) return [d, end];
  }
  if (i.timePrecision <= 1) return [d, d];
  if (i.timePrecision === 2) return [d - 3, d + 3];
  if (i.source === 'gtd' && dayToDate(d).endsWith('-07-01')) {
    const y = Number(dayToDate(d).slice(0, 4));
    return [Date.UTC(y, 0, 1) / 86_400_000, Date.UTC(y + 1, 0, 1) / 86_400_000 - 1];
  }
  return monthOf(d);
}

/** Days between two ranges; 0 when they overlap. */
export const dayGap = (a: readonly [number, number], b: readonly [number, number]): number => Math.max(0, b[0] - a[1], a[0] - b[1]);
