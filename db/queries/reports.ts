import { eq, inArray } from 'drizzle-orm';
import { reports } from '@/db/schema';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import type { ReportItem } from '@/lib/intake/report-types';

type ReportRow = typeof reports.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The public shape of a stored report. */
export function toReportItem(r: ReportRow): ReportItem {
  return {
    id: r.id,
    sourceId: r.sourceId,
    sourceName: r.sourceName,
    url: r.url,
    title: r.title,
    text: r.text,
    publishedAt: iso(r.publishedAt),
    fetchedAt: new Date(r.fetchedAt).toISOString(),
    status: r.status,
    isIncident: r.isIncident,
    duplicateOf: r.duplicateOf,
    incidentId: r.incidentId,
    region: r.region,
    draft: JSON.parse(r.draft) as ReportItem['draft'],
    spans: JSON.parse(r.spans) as ReportItem['spans'],
    candidates: JSON.parse(r.candidates) as ReportItem['candidates'],
    decidedBy: r.decidedBy,
    decidedAt: iso(r.decidedAt),
    dismissReason: r.dismissReason,
  };
}

export function getReport(store: Store, id: number): ReportItem | null {
  const row = sqlOf(store).select().from(reports).where(eq(reports.id, id)).get();
  return row ? toReportItem(row) : null;
}

/** Which of these item keys are already stored (a feed's items seen before skip extraction). */
export function knownItemKeys(store: Store, keys: readonly string[]): Set<string> {
  const db = sqlOf(store);
  const known = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    for (const r of db.select({ key: reports.itemKey }).from(reports).where(inArray(reports.itemKey, chunk)).all())
      if (r.key) known.add(r.key);
  }
  return known;
}
