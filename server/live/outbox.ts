import 'server-only';
import type { Store } from '@/db/store';
import { getAlert } from '@/db/queries/alerts';
import { getIncident } from '@/db/queries/incidents';
import { importFrameData } from '@/db/queries/outbox';
import { reportSummary } from '@/db/queries/reports';
import { sseFrame } from './sse';

export { eventsAfter, recentEventsAfter } from '@/db/queries/outbox';

export interface OutboxFrame {
  seq: number;
  frame: string;
}

/**
 * Turns outbox rows into SSE frames with the current state of what they point at. An incident
 * that no longer exists is sent as `{ id, deleted: true }` so open views drop it. A large import
 * is one `import` frame `{ batchId, inserted, updated }` instead of one frame per row. A report
 * (stored, or decided) is a `report` frame with its summary (ReportSummary), never its text.
 */
export async function toFrames(db: Store, rows: { seq: number; type: string; refId: number }[]): Promise<OutboxFrame[]> {
  const out: OutboxFrame[] = [];
  for (const r of rows) {
    const data = await frameData(db, r);
    if (data) out.push({ seq: r.seq, frame: sseFrame(r.seq, r.type, data) });
  }
  return out;
}

/**
 * What one outbox row's frame carries (null: nothing to send). Each reader's answer goes through
 * Promise.resolve, so this holds whether the reader answers at once or with a promise.
 */
async function frameData(db: Store, r: { type: string; refId: number }): Promise<unknown> {
  switch (r.type) {
    case 'incident':
      return (await getIncident(db, r.refId)) ?? { id: r.refId, deleted: true };
    case 'alert':
      return Promise.resolve(getAlert(db, r.refId));
    case 'import':
      return Promise.resolve(importFrameData(db, r.refId));
    case 'report':
      return Promise.resolve(reportSummary(db, r.refId));
    default:
      return null;
  }
}
