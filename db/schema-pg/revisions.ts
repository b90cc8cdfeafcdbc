import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { REVISION_KINDS } from '../schema/revisions';
import { sources } from './intake';
import { instant, serialId } from './types';

/** Mirrors db/schema/revisions.ts. */
export const incidentsDeleted = pgTable(
  'incidents_deleted',
  {
    id: serialId(),
    /** The id the incident had (a restore puts it back under it). */
    incidentId: integer('incident_id').notNull(),
    source: text('source').notNull(),
    sourceId: text('source_id').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    row: text('row').notNull(),
    reason: text('reason').notNull(),
    deletedAt: instant('deleted_at'),
    archivedAt: instant('archived_at').notNull(),
    archivedBy: text('archived_by').notNull(),
  },
  (t) => [
    index('incidents_deleted_source_idx').on(t.source, t.sourceId),
    index('incidents_deleted_incident_idx').on(t.incidentId),
    index('incidents_deleted_occurred_idx').on(t.occurredAt),
  ],
);

export const incidentRevisions = pgTable(
  'incident_revisions',
  {
    id: serialId(),
    incidentId: integer('incident_id').notNull(),
    sourceId: integer('source_id').references(() => sources.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: REVISION_KINDS }).notNull(),
    occurredAt: instant('occurred_at').notNull(),
    revisedAt: instant('revised_at').notNull(),
  },
  (t) => [index('incident_revisions_occurred_idx').on(t.occurredAt)],
);
