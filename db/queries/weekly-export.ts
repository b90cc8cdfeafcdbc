import type { Store } from '@/db/store';
import { EXPORT_COLUMNS, exportCsvRecord } from '@/lib/acled/export-row';
import { CSV_BOM, csvRecord } from '@/lib/csv/write';
import { renderMarkdown } from '@/lib/reports/markdown';
import { weekBounds } from '@/lib/reports/week';
import { parseWeek } from '@/lib/time/iso-week';
import { incidentFilterSchema } from '@/lib/validation/incident-filter';
import { iterateExportChunks } from './export';
import { computeWeeklyReport, type WeeklyReportOptions } from './weekly';

/**
 * The week's incidents in the same CSV shape as GET /api/incidents/export (ACLED columns, then
 * ours; formula-safe cells), selected through THE incident filter: calendar dates compare
 * against occurred_day, so the rows are exactly those the weekly figures count.
 */
export async function* weeklyCsvPieces(store: Store, opts: WeeklyReportOptions & { week: string }): AsyncGenerator<string> {
  const b = weekBounds(parseWeek(opts.week)!, opts.timeZone);
  const { limit: _limit, ...filter } = incidentFilterSchema.parse({
    from: b.start,
    to: b.end,
    group: opts.group?.join(','),
    region: opts.region?.join(','),
  });
  yield CSV_BOM + csvRecord(EXPORT_COLUMNS);
  for await (const chunk of iterateExportChunks(store, filter)) {
    let text = '';
    for (const c of chunk) text += exportCsvRecord(c.item, c.acledExtra);
    yield text;
  }
}

export async function weeklyMarkdown(store: Store, opts: WeeklyReportOptions): Promise<string> {
  return renderMarkdown(await computeWeeklyReport(store, opts));
}
