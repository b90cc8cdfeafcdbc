import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { MATCH_STATUSES, TYPE_COMPATIBILITIES } from '@/lib/datasets/match-types';

export { MATCH_STATUSES };

/**
 * A proposal that two incidents of different datasets are one event (db/services/dataset-matches.ts):
 * `incidentA` was stored first and stays on a merge, `incidentB` came with a later import and
 * becomes one of A's sources. The ids carry no foreign key: a merged B is deleted from
 * `incidents` and kept in `archived` (its row, reports' figures and claims as JSON) so an unmerge
 * can restore it under its own id. The reasons (day gap, distance, type, actors) are stored as
 * the proposal saw them.
 */
export const incidentMatches = sqliteTable(
  'incident_matches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentA: integer('incident_a').notNull(),
    incidentB: integer('incident_b').notNull(),
    datasetA: text('dataset_a').notNull(),
    datasetB: text('dataset_b').notNull(),
    /** B's `source:sourceId`: a re-import of a merged-away row is recognised by it. */
    bKey: text('b_key').notNull(),
    score: real('score').notNull(),
    /** Days between the two date ranges; 0 when they overlap. */
    dayGap: integer('day_gap').notNull(),
    distanceKm: real('distance_km').notNull(),
    typeCompatibility: text('type_compatibility', { enum: TYPE_COMPATIBILITIES }).notNull(),
    /** 0..1: how alike the actor names are (lib/datasets/match-score.ts). */
    actorSimilarity: real('actor_similarity').notNull(),
    status: text('status', { enum: MATCH_STATUSES }).notNull().default('proposed'),
    importBatchId: integer('import_batch_id'),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
    archived: text('archived'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('incident_matches_pair_uq').on(t.incidentA, t.incidentB),
    index('incident_matches_status_idx').on(t.status, sql`${t.id} DESC`),
    index('incident_matches_b_idx').on(t.incidentB),
    index('incident_matches_b_key_idx').on(t.bKey, t.status),
  ],
);

export type IncidentMatchRow = typeof incidentMatches.$inferSelect;
