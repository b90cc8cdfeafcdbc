/** Reads of the `events` outbox for the live stream (server/live/outbox.ts turns them into SSE frames). */
import { asc, desc, eq, gt } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { events, importBatches } from '@/db/schema';

/** Outbox rows after `seq`, oldest first (at most `limit`). */
export function eventsAfter(store: Store, seq: number, limit: number) {
  const db = sqlOf(store);
  return db.select().from(events).where(gt(events.seq, seq)).orderBy(asc(events.seq)).limit(limit).all();
}

/** The newest `limit` rows after `seq`, oldest first: a reconnect after a long gap replays the recent tail. */
export function recentEventsAfter(store: Store, seq: number, limit: number) {
  const db = sqlOf(store);
  return db.select().from(events).where(gt(events.seq, seq)).orderBy(desc(events.seq)).limit(limit).all().reverse();
}

/** A large import's counts; its rows carry import_batch_id = batchId. */
export function importFrameData(store: Store, batchId: number) {
  const db = sqlOf(store);
  const batch = db
    .select({ inserted: importBatches.inserted, updated: importBatches.updated })
    .from(importBatches)
    .where(eq(importBatches.id, batchId))
    .get();
  return batch ? { batchId, ...batch } : null;
}
