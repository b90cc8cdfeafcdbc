import { bigint, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { EVENT_TYPES } from '../schema/events';
import { instant } from './types';

/**
 * Mirrors db/schema/events.ts, the outbox. `seq` is a bigint identity (read as a JS number, as the
 * SSE event id is): one sequence for every instance writing to the database.
 */
export const events = pgTable(
  'events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    type: text('type', { enum: EVENT_TYPES }).notNull(),
    refId: integer('ref_id').notNull(),
    action: text('action').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('events_created_idx').on(t.createdAt)],
);
