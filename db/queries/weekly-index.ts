import type { Store } from '@/db/store';
import { addWeeks, formatWeek, mondayOf, weekOfDay, weekStartDay, type IsoWeek } from '@/lib/time/iso-week';
import { dataDayRange, weekCounts } from './weekly-lists';
import type { WeeklyFilter } from './weekly-sql';

export interface WeekListItem {
  week: string;
  start: string;
  incidents: number;
  latestComplete: boolean;
  inProgress: boolean;
}

/**
 * Weeks for the index page, newest first: the running week and the latest complete week always,
 * then every earlier week with incidents (at most `maxWeeks` weeks back from the newest data).
 */
export async function listReportWeeks(
  store: Store,
  opts: { current: IsoWeek; filter?: WeeklyFilter; maxWeeks?: number },
): Promise<WeekListItem[]> {
  const maxWeeks = opts.maxWeeks ?? 156;
  const range = await dataDayRange(store);
  const currentStart = weekStartDay(opts.current);
  const newest = Math.max(currentStart, range ? mondayOf(range.max) : currentStart);
  const oldest = Math.max(range ? mondayOf(range.min) : currentStart, newest - (maxWeeks - 1) * 7);
  const weeks = (newest - oldest) / 7 + 1;
  const counts = new Map((await weekCounts(store, oldest, weeks, opts.filter ?? {})).map((c) => [c.wk, c.incidents]));
  const latest = formatWeek(addWeeks(opts.current, -1));
  const current = formatWeek(opts.current);
  const out: WeekListItem[] = [];
  for (let wk = weeks - 1; wk >= 0; wk--) {
    const startDay = oldest + wk * 7;
    const week = formatWeek(weekOfDay(startDay));
    const incidents = counts.get(wk) ?? 0;
    if (incidents === 0 && week !== latest && week !== current) continue;
    out.push({
      week,
      start: new Date(startDay * 86_400_000).toISOString().slice(0, 10),
      incidents,
      latestComplete: week === latest,
      inProgress: week === current,
    });
  }
  return out;
}
