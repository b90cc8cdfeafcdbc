import { and, eq } from 'drizzle-orm';
import { events, reports } from '@/db/schema';
import type { Store } from '@/db/store';
import { builder, transact } from '@/db/engine';

/** A report as stored: the item's text and what extraction made of it (JSON columns as the API returns them). */
export interface NewReportRow {
  sourceId: number | null;
  sourceName: string | null;
  /** The item's identity across fetches and feeds (GUID, else canonical link); null for a paste without one. */
  itemKey: string | null;
  url: string | null;
  title: string | null;
  text: string;
  publishedAt: number | null;
  isIncident: boolean;
  region: string | null;
  duplicateOf: number | null;
  /** The same story as an earlier row of this batch (its index): resolved to that row's id once stored. */
  duplicateOfRow?: number | null;
  draft: string;
  spans: string;
  candidates: string;
  fingerprint: string | null;
}

export interface InsertedReports {
  /** Ids of the reports created, in input order (items already stored are skipped). */
  created: number[];
  /** Items whose `itemKey` was already stored (fetched again, or found in another feed). */
  duplicates: number;
}

/**
 * Stores reports in one transaction, each announced to live streams as a `report` event. An item
 * already stored under its key is skipped, not updated: the analyst may be deciding on it. The
 * skip is the insert's own ON CONFLICT on the unique item_key, so two instances polling the same
 * feed at once store one report (on PostgreSQL the second waits for the first's commit, then
 * inserts nothing).
 * `candidateUpdates` gives stored reports of the same stories the merged candidates (JSON), so an
 * original and its duplicates are offered the same; a report already decided keeps its own.
 */
export async function insertReports(
  store: Store,
  rows: readonly NewReportRow[],
  now: number,
  candidateUpdates: ReadonlyMap<number, string> = new Map(),
): Promise<InsertedReports> {
  return transact(store, async (t) => {
    const tx = builder(t);
    const created: number[] = [];
    const idOfRow: (number | null)[] = [];
    let duplicates = 0;
    for (const { duplicateOfRow, ...row } of rows) {
      const earlier = duplicateOfRow == null ? null : (idOfRow[duplicateOfRow] ?? null);
      const [inserted] = await tx
        .insert(reports)
        .values({ ...row, duplicateOf: row.duplicateOf ?? earlier, fetchedAt: now, createdAt: now })
        .onConflictDoNothing({ target: reports.itemKey })
        .returning({ id: reports.id });
      idOfRow.push(inserted?.id ?? null);
      if (!inserted) {
        duplicates++;
        continue;
      }
      created.push(inserted.id);
      await tx.insert(events).values({ type: 'report', refId: inserted.id, action: 'created', createdAt: now });
    }
    for (const [id, candidates] of candidateUpdates) {
      await tx
        .update(reports)
        .set({ candidates })
        .where(and(eq(reports.id, id), eq(reports.status, 'new')));
    }
    return { created, duplicates };
  });
}
