import { events, reports } from '@/db/schema';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { inImmediateTransaction } from './transaction';

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
 * already stored under its key is skipped, not updated: the analyst may be deciding on it.
 */
export function insertReports(store: Store, rows: readonly NewReportRow[], now: number): InsertedReports {
  const db = sqlOf(store);
  return inImmediateTransaction(db, (tx) => {
    const created: number[] = [];
    let duplicates = 0;
    for (const row of rows) {
      const inserted = tx
        .insert(reports)
        .values({ ...row, fetchedAt: now, createdAt: now })
        .onConflictDoNothing({ target: reports.itemKey })
        .returning({ id: reports.id })
        .get();
      if (!inserted) {
        duplicates++;
        continue;
      }
      created.push(inserted.id);
      tx.insert(events).values({ type: 'report', refId: inserted.id, action: 'created', createdAt: now }).run();
    }
    return { created, duplicates };
  });
}
