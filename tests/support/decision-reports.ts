import type { Store } from '@/db/store';
import { ingestReports, type IncomingReport } from '@/server/intake/ingest-reports';

export { BANNU } from './bannu-reports';

/** Stores the given reports through the one intake path; returns their ids. */
export async function storeReports(store: Store, ...items: Omit<IncomingReport, 'sourceId' | 'itemKey'>[]): Promise<number[]> {
  // One call per item: a batch is stored oldest-published first, and callers want input order.
  const ids: number[] = [];
  for (const i of items) {
    const { created } = await ingestReports(store, [{ ...i, sourceId: null, itemKey: i.url }], {
      timeZone: 'Asia/Karachi',
      now: Date.parse('2026-11-06T00:00:00Z'),
    });
    ids.push(...created);
  }
  return ids;
}
