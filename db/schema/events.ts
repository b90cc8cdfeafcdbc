import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const EVENT_TYPES = ['incident', 'alert', 'import', 'report'] as const;

/**
 * Outbox of things to push live. Every writer (API, CLI import, simulator) appends here in the
 * same transaction as its write, so the SSE stream sees writes from any process, and `seq`
 * doubles as the SSE event id for Last-Event-ID replay.
 */
export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    type: text('type', { enum: EVENT_TYPES }).notNull(),
    refId: integer('ref_id').notNull(),
    /** 'created' | 'updated' | 'deleted' | 'fired' | 'acknowledged' | 'resolved' | 'imported' (ref_id = import batch) */
    action: text('action').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('events_created_idx').on(t.createdAt)],
);
