import type { Store } from '@/db/store';
import { insertReports, type InsertedReports, type NewReportRow } from '@/db/services/reports';
import { knownItemKeys } from '@/db/queries/reports';
import { extractReport, type ReportInput } from '@/lib/intake/extract';

/** A report to store: a feed item (with its identity) or a pasted text. */
export interface IncomingReport extends ReportInput {
  sourceId: number | null;
  /** GUID or canonical link; null for a paste without a URL. */
  itemKey: string | null;
}

/**
 * Extracts each new report and stores it. An item already stored under its key (fetched again, or
 * found in another feed) is counted as a duplicate before extraction, so a poll of mostly seen
 * items costs a look-up each. Extraction is pure and runs outside the write transaction.
 */
export function ingestReports(store: Store, items: readonly IncomingReport[], ctx: { timeZone: string; now: number }): InsertedReports {
  const receivedAt = new Date(ctx.now).toISOString();
  const known = knownItemKeys(
    store,
    items.flatMap((i) => (i.itemKey ? [i.itemKey] : [])),
  );
  const seenInBatch = new Set<string>();
  const fresh = items.filter((i) => {
    if (!i.itemKey) return true;
    if (known.has(i.itemKey) || seenInBatch.has(i.itemKey)) return false;
    seenInBatch.add(i.itemKey);
    return true;
  });
  const rows: NewReportRow[] = fresh.map((item) => {
    const x = extractReport(item, { timeZone: ctx.timeZone, receivedAt });
    const published = item.publishedAt === null ? null : Date.parse(item.publishedAt);
    return {
      sourceId: item.sourceId,
      sourceName: item.sourceName,
      itemKey: item.itemKey,
      url: item.url,
      title: item.title,
      text: item.text,
      publishedAt: published === null || Number.isNaN(published) ? null : published,
      isIncident: x.isIncident,
      region: x.region,
      duplicateOf: null,
      draft: JSON.stringify(x.draft),
      spans: JSON.stringify(x.spans),
      candidates: '[]',
      fingerprint: null,
    };
  });
  const stored = insertReports(store, rows, ctx.now);
  return { created: stored.created, duplicates: stored.duplicates + items.length - fresh.length };
}
