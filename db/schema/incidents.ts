import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { groups } from './groups';
import { importBatches } from './import-batches';

import {
  CLAIM_STATUSES,
  DATASETS,
  TARGET_CATEGORIES,
  VERIFICATION_STATUSES,
  type IncidentRecord,
  type NewIncidentRecord,
} from '@/lib/incidents/record';

export { CLAIM_STATUSES, DATASETS, TARGET_CATEGORIES, TIME_PRECISIONS, VERIFICATION_STATUSES } from '@/lib/incidents/record';

/**
 * One violent event. Instants are UTC epoch milliseconds; `occurredDay` is the calendar day
 * (days since 1970-01-01) of the occurrence in the reporting time zone, or the given date for
 * date-only rows, so weekly rollups are integer arithmetic on an indexed column.
 */
export const incidents = sqliteTable(
  'incidents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source').notNull(),
    sourceId: text('source_id').notNull(),
    occurredAt: integer('occurred_at').notNull(),
    occurredDay: integer('occurred_day').notNull(),
    hasTime: integer('has_time', { mode: 'boolean' }).notNull().default(false),
    timePrecision: integer('time_precision').notNull().default(1),
    country: text('country').notNull(),
    admin1: text('admin1'),
    admin2: text('admin2'),
    admin3: text('admin3'),
    location: text('location'),
    lat: real('lat').notNull(),
    lon: real('lon').notNull(),
    geoPrecision: integer('geo_precision').notNull().default(1),
    region: text('region'),
    eventType: text('event_type').notNull(),
    subEventType: text('sub_event_type').notNull(),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id),
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
    crossBorder: integer('cross_border', { mode: 'boolean' }).notNull().default(false),
    /** JSON array of source strings (outlet names or URLs). */
    sources: text('sources').notNull().default('[]'),
    /** See IncidentRecord.sourceCount. */
    sourceCount: integer('source_count').notNull().default(1),
    /** See IncidentRecord.mergedDatasets. */
    mergedDatasets: integer('merged_datasets').notNull().default(0),
    sourceScale: text('source_scale'),
    verification: text('verification', { enum: VERIFICATION_STATUSES }).notNull().default('reported'),
    notes: text('notes'),
    dataset: text('dataset', { enum: DATASETS }).notNull().default('live'),
    importBatchId: integer('import_batch_id').references(() => importBatches.id),
    /** JSON object of ACLED columns we do not model (disorder_type, inter1, tags, …) for faithful export. */
    acledExtra: text('acled_extra'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('incidents_source_uq').on(t.source, t.sourceId),
    // List, facet, timeline and map reads use the in-memory incident index; these serve the SQL
    // readers (alert rules, exports, weekly reports) and every index costs each imported row.
    // The time index carries the type columns and killed so a type-scoped alert window is read
    // from the index alone (no per-type indexes).
    index('incidents_time_idx').on(sql`${t.occurredAt} DESC`, sql`${t.id} DESC`, t.eventType, t.subEventType, t.killed),
    index('incidents_group_time_idx').on(t.groupId, t.occurredAt),
    index('incidents_region_time_idx').on(t.region, t.occurredAt),
    index('incidents_day_idx').on(t.occurredDay, t.region, t.groupId),
  ],
);

export type IncidentRow = typeof incidents.$inferSelect;
export type NewIncidentRow = typeof incidents.$inferInsert;

// The domain's declaration of a row (lib/incidents/record.ts) must stay the table's: a column
// added, dropped or retyped on one side only fails type checking here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type RowMatchesRecord = Same<IncidentRow, IncidentRecord> extends true ? true : never;
export type NewRowMatchesRecord = Same<NewIncidentRow, NewIncidentRecord> extends true ? true : never;
export const incidentRecordChecked: [RowMatchesRecord, NewRowMatchesRecord] = [true, true];
