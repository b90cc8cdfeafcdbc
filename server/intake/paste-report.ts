import 'server-only';
import type { Store } from '@/db/store';
import { getReport, reportIdByKey } from '@/db/queries/reports';
import type { ReportItem } from '@/lib/intake/report-types';
import type { ReportPaste } from '@/lib/validation/report-queries';
import { ingestReports } from './ingest-reports';

/**
 * An analyst's paste, through the one ingest path. A paste with a URL is that article: its URL is
 * its item key, so pasting it again (or pasting what a feed already brought) answers the stored
 * report instead of making a second one. A paste without a URL is always new.
 */
export async function pasteReport(
  store: Store,
  input: ReportPaste,
  ctx: { timeZone: string; now: number },
): Promise<{ report: ReportItem; created: boolean }> {
  const { created } = await ingestReports(store, [{ ...input, sourceId: null, itemKey: input.url }], ctx);
  const id = created[0] ?? (input.url ? await reportIdByKey(store, input.url) : null);
  const report = id === null ? null : await getReport(store, id);
  // Unreachable unless the row vanished between the insert and the read.
  if (!report) throw new Error('pasted report was not stored');
  return { report, created: created.length > 0 };
}
