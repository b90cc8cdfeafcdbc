import 'server-only';
import type { Store } from '@/db/store';
import { getAlert } from '@/db/queries/alerts';
import { getIncidentSync } from '@/db/queries/incidents';
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
export function toFrames(db: Store, rows: { seq: number; type: string; refId: number }[]): OutboxFrame[] {
  const out: OutboxFrame[] = [];
  for (const r of rows) {
    const data =
      r.type === 'incident'
        ? (getIncidentSync(db, r.refId) ?? { id: r.refId, deleted: true })
        : r.type === 'alert'
          ? getAlert(db, r.refId)
          : r.type === 'import'
            ? importFrameData(db, r.refId)
            : r.type === 'report'
              ? reportSummary(db, r.refId)
              : null;
    if (data) out.push({ seq: r.seq, frame: sseFrame(r.seq, r.type, data) });
  }
  return out;
}
