import type { Store } from '@/db/store';
import type { ViewFilter } from '@/lib/filters/schema';
import { dailyTotals } from '@/lib/incident-index/query';
import { dayNumber, dayToDate, isIsoDate, localDay, parseInstant } from '@/lib/time/zone';
import { mondayOf } from '@/lib/time/iso-week';
import { indexedFilter } from './incident-index';
import type { Timeline, TimelineBin } from '@/lib/contract';

export type { Timeline, TimelineBin } from '@/lib/contract';

/** Spans longer than this are shown per ISO week so the chart stays readable. */
export const DAILY_SPAN_LIMIT = 120;

function boundDay(value: string | undefined, timeZone: string): number | null {
  if (!value) return null;
  if (isIsoDate(value)) return dayNumber(value);
  const ms = parseInstant(value);
  return ms === null ? null : localDay(ms, timeZone);
}

/** Incidents per local day or ISO week for the filter, zero-filled over the filter span (or the data span). */
export async function incidentTimeline(store: Store, filter: ViewFilter, timeZone: string, now = Date.now()): Promise<Timeline> {
  const { index, f } = await indexedFilter(store, filter);
  const daily = dailyTotals(index, f);
  let fromDay = boundDay(filter.from, timeZone);
  let toDay = boundDay(filter.to, timeZone);
  if (fromDay === null || toDay === null) {
    toDay ??= Math.max(daily?.last ?? localDay(now, timeZone), fromDay ?? -Infinity);
    fromDay ??= Math.min(daily?.first ?? toDay, toDay);
  }
  if (fromDay > toDay) return { bucket: 'day', timeZone, from: dayToDate(fromDay), to: dayToDate(toDay), bins: [] };
  const bucket = toDay - fromDay + 1 > DAILY_SPAN_LIMIT ? 'week' : 'day';
  const step = bucket === 'week' ? 7 : 1;
  const first = bucket === 'week' ? mondayOf(fromDay) : fromDay;
  const bins: TimelineBin[] = [];
  for (let d = first; d <= toDay; d += step) {
    let count = 0;
    let killed = 0;
    // A weekly bin holds the week's days; rows outside the filter's days are not in `daily`.
    for (let k = d; k < d + step; k++) {
      count += daily?.count(k) ?? 0;
      killed += daily?.killed(k) ?? 0;
    }
    bins.push({ start: dayToDate(d), count, killed });
  }
  return { bucket, timeZone, from: dayToDate(fromDay), to: dayToDate(toDay), bins };
}
