import type { Db } from '@/db/connection';
import { ingestReports, type IncomingReport } from '@/server/intake/ingest-reports';

export { BANNU } from './bannu-reports';

/** Stores the given reports through the one intake path; returns their ids. */
export function storeReports(db: Db, ...items: Omit<IncomingReport, 'sourceId' | 'itemKey'>[]): number[] {
  // One call per item: a batch is stored oldest-published first, and callers want input order.
  return items.flatMap(
    (i) =>
      ingestReports(db, [{ ...i, sourceId: null, itemKey: i.url }], { timeZone: 'Asia/Karachi', now: Date.parse('2026-11-06T00:00:00Z') })
        .created,
  );
}
