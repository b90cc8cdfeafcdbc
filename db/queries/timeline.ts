import { sql } from 'drizzle-orm';
import type { Db } from '@/db/connection';
import { incidents } from '@/db/schema';
import type { ViewFilter } from '@/lib/filters/schema';
import { dayNumber, dayToDate, isIsoDate, localDay, parseInstant } from '@/lib/time/zone';
import { mondayOf } from '@/lib/time/iso-week';
import { incidentConditions } from './incident-filter-sql';

export interface TimelineBin {
  /** First calendar day of the bin in the reporting zone (a Monday for weekly bins). */
  start: string;
  count: number;
  killed: number;
}
export interface Timeline {
  bucket: 'day' | 'week';
  timeZone: string;
  from: string | null;
  to: string | null;
  bins: TimelineBin[];
}

/** Spans longer than this are shown per ISO week so the chart stays readable. */
export const DAILY_SPAN_LIMIT = 120;

function boundDay(value: string | undefined, timeZone: string): number | null {
  if (!value) return null;
  if (isIsoDate(value)) return dayNumber(value);
  const ms = parseInstant(value);
  return ms === null ? null : localDay(ms, timeZone);
}

/** Incidents per local day or ISO week for the filter, zero-filled over the filter span (or the data span). */
export function incidentTimeline(db: Db, filter: ViewFilter, timeZone: string, now = Date.now()): Timeline {
  const where = incidentConditions(filter);
  let fromDay = boundDay(filter.from, timeZone);
  let toDay = boundDay(filter.to, timeZone);
  if (fromDay === null || toDay === null) {
    const span = db
      .select({ min: sql<number | null>`min(${incidents.occurredDay})`, max: sql<number | null>`max(${incidents.occurredDay})` })
      .from(incidents)
      .where(where)
      .get();
    toDay ??= Math.max(span?.max ?? localDay(now, timeZone), fromDay ?? -Infinity);
    fromDay ??= Math.min(span?.min ?? toDay, toDay);
  }
  if (fromDay > toDay) return { bucket: 'day', timeZone, from: dayToDate(fromDay), to: dayToDate(toDay), bins: [] };
  const bucket = toDay - fromDay + 1 > DAILY_SPAN_LIMIT ? 'week' : 'day';
  // Day 0 (1970-01-01) is a Thursday: day - ((day + 3) mod 7) is the Monday of its ISO week.
  const key =
    bucket === 'week'
      ? sql<number>`${incidents.occurredDay} - (((${incidents.occurredDay} + 3) % 7 + 7) % 7)`
      : sql<number>`${incidents.occurredDay}`;
  const rows = db
    .select({ b: key, count: sql<number>`count(*)`, killed: sql<number>`coalesce(sum(${incidents.killed}), 0)` })
    .from(incidents)
    .where(where)
    .groupBy(key)
    .all();
  const byBin = new Map(rows.map((r) => [r.b, r]));
  const step = bucket === 'week' ? 7 : 1;
  const first = bucket === 'week' ? mondayOf(fromDay) : fromDay;
  const bins: TimelineBin[] = [];
  for (let d = first; d <= toDay; d += step) {
    const r = byBin.get(d);
    bins.push({ start: dayToDate(d), count: r?.count ?? 0, killed: r?.killed ?? 0 });
  }
  return { bucket, timeZone, from: dayToDate(fromDay), to: dayToDate(toDay), bins };
}
