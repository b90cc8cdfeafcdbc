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
  /** With seq, the event's place in the outbox's delivery order (db/queries/outbox-head.ts). */
  xid: number;
  frame: string;
}

/**
 * Turns outbox rows into SSE frames with the current state of what they point at. An incident
 * that no longer exists is sent as `{ id, deleted: true }` so open views drop it. A large import
 * is one `import` frame `{ batchId, inserted, updated }` instead of one frame per row. A report
 * (stored, or decided) is a `report` frame with its summary (ReportSummary), never its text.
 */
export async function toFrames(db: Store, rows: { seq: number; xid: number; type: string; refId: number }[]): Promise<OutboxFrame[]> {
  const out: OutboxFrame[] = [];
  for (const r of rows) {
    const data =
      r.type === 'incident'
        ? ((await getIncident(db, r.refId)) ?? { id: r.refId, deleted: true })
        : r.type === 'alert'
          ? await getAlert(db, r.refId)
          : r.type === 'import'
            ? await importFrameData(db, r.refId)
            : r.type === 'report'
              ? await reportSummary(db, r.refId)
              : null;
    if (data) out.push({ seq: r.seq, xid: r.xid, frame: sseFrame(r.seq, r.type, data) });
  }
  return out;
}
