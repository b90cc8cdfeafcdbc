import type { Db } from '@/db/connection';
import { weekCsv } from '@/lib/reports/csv';
import { renderMarkdown } from '@/lib/reports/markdown';
import { weekBounds } from '@/lib/reports/week';
import { parseWeek } from '@/lib/time/iso-week';
import { incidentFilterSchema } from '@/lib/validation/incident-filter';
import { iterateIncidents } from './incidents';
import { computeWeeklyReport, type WeeklyReportOptions } from './weekly';

/** The week's incidents through THE incident filter (calendar dates compare against occurred_day). */
export function weeklyCsv(db: Db, opts: WeeklyReportOptions & { week: string }): string {
  const b = weekBounds(parseWeek(opts.week)!, opts.timeZone);
  const { limit: _l, ...filter } = incidentFilterSchema.parse({ from: b.start, to: b.end, group: opts.group?.join(','), region: opts.region?.join(',') });
  const items = iterateIncidents(db, filter);
  return weekCsv(b.week, items);
}

export function weeklyMarkdown(db: Db, opts: WeeklyReportOptions): string {
  return renderMarkdown(computeWeeklyReport(db, opts));
}
