import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { CLAIM_STATUSES, DATASETS, TARGET_CATEGORIES, VERIFICATION_STATUSES } from '@/lib/incidents/record';
import { groups } from './groups';
import { importBatches } from './import-batches';
import { instant, serialId } from './types';

/**
 * Mirrors db/schema/incidents.ts. Coordinates are `double precision` (SQLite REAL is an 8-byte
 * float), so a point reads back bit-for-bit. Full-text search is not a column: migration
 * 0001_search adds a GIN expression index over incidents_search_doc(…) in place of incidents_fts.
 */
export const incidents = pgTable(
  'incidents',
  {
    id: serialId(),
    source: text('source').notNull(),
    sourceId: text('source_id').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    occurredDay: integer('occurred_day').notNull(),
    hasTime: boolean('has_time').notNull().default(false),
    timePrecision: integer('time_precision').notNull().default(1),
    country: text('country').notNull(),
    admin1: text('admin1'),
    admin2: text('admin2'),
    admin3: text('admin3'),
    location: text('location'),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    geoPrecision: integer('geo_precision').notNull().default(1),
    region: text('region'),
    eventType: text('event_type').notNull(),
    subEventType: text('sub_event_type').notNull(),
    groupId: text('group_id').notNull(), // → groups.id, checked by triggers: incidentParentKeys
    actor1: text('actor1'),
    assocActors: text('assoc_actors'),
    actor2: text('actor2'),
    claimStatus: text('claim_status', { enum: CLAIM_STATUSES }).notNull().default('unclaimed'),
    target: text('target', { enum: TARGET_CATEGORIES }).notNull().default('other'),
    killed: integer('killed'),
    injured: integer('injured'),
    killedSecurity: integer('killed_security'),
    killedCivilians: integer('killed_civilians'),
    killedMilitants: integer('killed_militants'),
    injuredSecurity: integer('injured_security'),
    injuredCivilians: integer('injured_civilians'),
    injuredMilitants: integer('injured_militants'),
    crossBorder: boolean('cross_border').notNull().default(false),
    sources: text('sources').notNull().default('[]'),
    sourceCount: integer('source_count').notNull().default(1),
    mergedDatasets: integer('merged_datasets').notNull().default(0),
    sourceScale: text('source_scale'),
    verification: text('verification', { enum: VERIFICATION_STATUSES }).notNull().default('reported'),
    notes: text('notes'),
    dataset: text('dataset', { enum: DATASETS }).notNull().default('live'),
    importBatchId: integer('import_batch_id'), // → import_batches.id, checked by triggers: incidentParentKeys
    acledExtra: text('acled_extra'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('incidents_source_uq').on(t.source, t.sourceId),
    index('incidents_time_idx').on(sql`${t.occurredAt} DESC`, sql`${t.id} DESC`, t.eventType, t.subEventType, t.killed),
    index('incidents_group_time_idx').on(t.groupId, t.occurredAt),
    index('incidents_region_time_idx').on(t.region, t.occurredAt),
    index('incidents_day_idx').on(t.occurredDay, t.region, t.groupId),
  ],
);

/**
 * The two references of incidents that PostgreSQL checks with triggers (migration
 * 0012_incident_parent_triggers) instead of foreign-key constraints; SQLite declares them as
 * foreign keys (db/schema/incidents.ts). A constraint checks each inserted row on its own (one
 * locking look-up of the parent per row and key), about a sixth of an import's database CPU, where
 * an import's rows name one batch and a few dozen groups: the trigger locks the distinct parents
 * once per statement. Same errors (SQLSTATE 23503, these constraint names). Listed here so that
 * db:copy orders the tables by them and the schema parity test counts them as foreign keys.
 */
export const incidentParentKeys = [
  { column: 'group_id', parent: groups, constraint: 'incidents_group_id_groups_id_fk' },
  { column: 'import_batch_id', parent: importBatches, constraint: 'incidents_import_batch_id_import_batches_id_fk' },
] as const;
