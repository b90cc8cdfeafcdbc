import 'server-only';
import { asc, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '@/db/connection';
import { events, importBatches } from '@/db/schema';
import { getAlert } from '@/db/queries/alerts';
import { getIncident } from '@/db/queries/incidents';
import { sseFrame } from './sse';

export interface OutboxFrame {
  seq: number;
  frame: string;
}

/** Outbox rows after `seq`, oldest first (at most `limit`). */
export function eventsAfter(db: Db, seq: number, limit: number) {
  return db.select().from(events).where(gt(events.seq, seq)).orderBy(asc(events.seq)).limit(limit).all();
}

/** The newest `limit` rows after `seq`, oldest first: a reconnect after a long gap replays the recent tail. */
export function recentEventsAfter(db: Db, seq: number, limit: number) {
  return db.select().from(events).where(gt(events.seq, seq)).orderBy(desc(events.seq)).limit(limit).all().reverse();
}

/** A large import's counts; its rows carry import_batch_id = batchId. */
function importFrameData(db: Db, batchId: number) {
  const batch = db.select({ inserted: importBatches.inserted, updated: importBatches.updated }).from(importBatches).where(eq(importBatches.id, batchId)).get();
  return batch ? { batchId, ...batch } : null;
}

/**
 * Turns outbox rows into SSE frames with the current state of what they point at. An incident
 * that no longer exists is sent as `{ id, deleted: true }` so open views drop it. A large import
 * is one `import` frame `{ batchId, inserted, updated }` instead of one frame per row.
 */
export function toFrames(db: Db, rows: { seq: number; type: string; refId: number }[]): OutboxFrame[] {
  const out: OutboxFrame[] = [];
  for (const r of rows) {
    const data =
      r.type === 'incident' ? (getIncident(db, r.refId) ?? { id: r.refId, deleted: true })
      : r.type === 'alert' ? getAlert(db, r.refId)
      : r.type === 'import' ? importFrameData(db, r.refId)
      : null;
    if (data) out.push({ seq: r.seq, frame: sseFrame(r.seq, r.type, data) });
  }
  return out;
}
