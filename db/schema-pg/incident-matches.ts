import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { MATCH_STATUSES, TYPE_COMPATIBILITIES } from '@/lib/datasets/match-types';
import { instant, serialId } from './types';

/** Mirrors db/schema/incident-matches.ts. */
export const incidentMatches = pgTable(
  'incident_matches',
  {
    id: serialId(),
    incidentA: integer('incident_a').notNull(),
    incidentB: integer('incident_b').notNull(),
    datasetA: text('dataset_a').notNull(),
    datasetB: text('dataset_b').notNull(),
    /** B's `source:sourceId`: a re-import of a merged-away row is recognised by it. */
    bKey: text('b_key').notNull(),
    score: doublePrecision('score').notNull(),
    dayGap: integer('day_gap').notNull(),
    distanceKm: doublePrecision('distance_km').notNull(),
    typeCompatibility: text('type_compatibility', { enum: TYPE_COMPATIBILITIES }).notNull(),
    actorSimilarity: doublePrecision('actor_similarity').notNull(),
    status: text('status', { enum: MATCH_STATUSES }).notNull().default('proposed'),
    importBatchId: integer('import_batch_id'),
    decidedBy: text('decided_by'),
    decidedAt: instant('decided_at'),
    archived: text('archived'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('incident_matches_pair_uq').on(t.incidentA, t.incidentB),
    index('incident_matches_status_idx').on(t.status, sql`${t.id} DESC`),
    index('incident_matches_b_idx').on(t.incidentB),
    index('incident_matches_b_key_idx').on(t.bKey, t.status),
  ],
);
