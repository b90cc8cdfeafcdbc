import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { REPORT_STATUSES } from '@/lib/intake/report-types';
import { CLAIM_KINDS, SOURCE_KINDS } from '../schema/intake';
import { incidents } from './incidents';
import { instant, serialId } from './types';

/** Mirrors db/schema/intake.ts: feeds, reports, and the incidents' sources and claims. */
export const sources = pgTable(
  'sources',
  {
    id: serialId(),
    name: text('name').notNull(),
    kind: text('kind', { enum: SOURCE_KINDS }).notNull().default('rss'),
    url: text('url').notNull(),
    pollMinutes: integer('poll_minutes').notNull().default(10),
    enabled: boolean('enabled').notNull().default(true),
    keywords: text('keywords').notNull().default('[]'),
    etag: text('etag'),
    lastModified: text('last_modified'),
    lastFetchAt: instant('last_fetch_at'),
    lastSuccessAt: instant('last_success_at'),
    lastError: text('last_error'),
    failures: integer('failures').notNull().default(0),
    nextFetchAt: instant('next_fetch_at'),
    itemsSeen: integer('items_seen').notNull().default(0),
    synthetic: boolean('synthetic').notNull().default(false),
    email: text('email'),
    passwordSealed: text('password_sealed'),
    tokenSealed: text('token_sealed'),
    countries: text('countries'),
    since: text('since'),
    syncState: text('sync_state'),
    authFailed: boolean('auth_failed').notNull().default(false),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('sources_due_idx').on(t.enabled, t.nextFetchAt)],
);

/**
 * Word search (`q`) uses a GIN expression index over reports_search_doc(title, text) that
 * migration 0001_search adds, in place of SQLite's reports_fts.
 */
export const reports = pgTable(
  'reports',
  {
    id: serialId(),
    sourceId: integer('source_id').references(() => sources.id, { onDelete: 'set null' }),
    sourceName: text('source_name'),
    itemKey: text('item_key'),
    url: text('url'),
    title: text('title'),
    text: text('text').notNull(),
    publishedAt: instant('published_at'),
    fetchedAt: instant('fetched_at').notNull(),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('new'),
    isIncident: boolean('is_incident').notNull(),
    region: text('region'),
    duplicateOf: integer('duplicate_of'),
    incidentId: integer('incident_id').references(() => incidents.id, { onDelete: 'set null' }),
    draft: text('draft').notNull(),
    spans: text('spans').notNull().default('[]'),
    candidates: text('candidates').notNull().default('[]'),
    fingerprint: text('fingerprint'),
    decidedBy: text('decided_by'),
    decidedAt: instant('decided_at'),
    dismissReason: text('dismiss_reason'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('reports_item_key_uq').on(t.itemKey),
    index('reports_status_idx').on(t.status, sql`${t.id} DESC`),
    index('reports_source_idx').on(t.sourceId, sql`${t.id} DESC`),
    index('reports_published_idx').on(t.publishedAt),
    index('reports_queue_idx').on(t.region, t.status, sql`${t.id} DESC`),
  ],
);

export const incidentSources = pgTable(
  'incident_sources',
  {
    id: serialId(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    reportId: integer('report_id').references(() => reports.id, { onDelete: 'set null' }),
    outlet: text('outlet'),
    url: text('url'),
    publishedAt: instant('published_at'),
    killed: integer('killed'),
    injured: integer('injured'),
    killedBy: text('killed_by'),
    injuredBy: text('injured_by'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('incident_sources_incident_idx').on(t.incidentId), uniqueIndex('incident_sources_report_uq').on(t.incidentId, t.reportId)],
);

export const incidentClaims = pgTable(
  'incident_claims',
  {
    id: serialId(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    groupId: text('group_id').notNull(),
    kind: text('kind', { enum: CLAIM_KINDS }).notNull(),
    by: text('by'),
    at: instant('at').notNull(),
    reportId: integer('report_id').references(() => reports.id, { onDelete: 'set null' }),
  },
  (t) => [index('incident_claims_incident_idx').on(t.incidentId), index('incident_claims_at_idx').on(t.at)],
);
