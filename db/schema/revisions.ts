import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sources } from './intake';

export const REVISION_KINDS = ['deleted', 'updated'] as const;

/**
 * Incidents taken off the map because their dataset withdrew them (ACLED's deletions): the whole
 * row as JSON, so an analyst can see what was removed and an admin can put it back. Moving the row out (rather than flagging it) keeps every read path, the
 * in-memory index, exports and the weekly rollups correct without a filter in each query.
 */
export const incidentsDeleted = sqliteTable(
  'incidents_deleted',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The id the incident had (a restore puts it back under it). */
    incidentId: integer('incident_id').notNull(),
    source: text('source').notNull(),
    sourceId: text('source_id').notNull(),
    occurredAt: integer('occurred_at').notNull(),
    /** The incidents row as it was, JSON keyed by column name. */
    row: text('row').notNull(),
    reason: text('reason').notNull(),
    /** When the dataset deleted it (ACLED's deleted_timestamp), epoch ms. */
    deletedAt: integer('deleted_at'),
    archivedAt: integer('archived_at').notNull(),
    archivedBy: text('archived_by').notNull(),
  },
  (t) => [
    index('incidents_deleted_source_idx').on(t.source, t.sourceId),
    index('incidents_deleted_incident_idx').on(t.incidentId),
    index('incidents_deleted_occurred_idx').on(t.occurredAt),
  ],
);

/**
 * A dataset's revision of an incident after it was first stored (an ACLED delta updating or
 * deleting an event): the weekly brief of the event's week notes it as "revised since first
 * published".
 */
export const incidentRevisions = sqliteTable(
  'incident_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id').notNull(),
    sourceId: integer('source_id').references(() => sources.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: REVISION_KINDS }).notNull(),
    occurredAt: integer('occurred_at').notNull(),
    revisedAt: integer('revised_at').notNull(),
  },
  (t) => [index('incident_revisions_occurred_idx').on(t.occurredAt)],
);
