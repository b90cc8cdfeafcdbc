import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { REPORT_STATUSES } from '@/lib/intake/report-types';
import { incidents } from './incidents';

export const SOURCE_KINDS = ['rss', 'acled'] as const;
export { REPORT_STATUSES };
export const CLAIM_KINDS = ['claim', 'denial', 'attribution'] as const;

/**
 * A feed the server polls. The conditional-GET validators and the back-off state live on the row
 * so a restart (or another process running `npm run intake`) resumes where the last poll stopped.
 */
export const sources = sqliteTable(
  'sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    kind: text('kind', { enum: SOURCE_KINDS }).notNull().default('rss'),
    url: text('url').notNull(),
    pollMinutes: integer('poll_minutes').notNull().default(10),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    /** JSON array of keywords; empty keeps every item. */
    keywords: text('keywords').notNull().default('[]'),
    etag: text('etag'),
    lastModified: text('last_modified'),
    lastFetchAt: integer('last_fetch_at'),
    lastSuccessAt: integer('last_success_at'),
    lastError: text('last_error'),
    /** Consecutive failures: the back-off doubles with each, up to 6 h. */
    failures: integer('failures').notNull().default(0),
    nextFetchAt: integer('next_fetch_at'),
    itemsSeen: integer('items_seen').notNull().default(0),
    /** Demo and simulator feeds are flagged so the UI can label them synthetic. */
    synthetic: integer('synthetic', { mode: 'boolean' }).notNull().default(false),
    /** ACLED sources (kind 'acled'): the account's email; null for feeds. */
    email: text('email'),
    /** The ACLED password, sealed with SECRETS_KEY (lib/secrets/seal.ts); never returned. */
    passwordSealed: text('password_sealed'),
    /** The OAuth tokens and their expiries as sealed JSON; never returned. */
    tokenSealed: text('token_sealed'),
    /** ACLED: JSON array of country names to read. */
    countries: text('countries'),
    /** ACLED: the first event date the backfill reads (YYYY-MM-DD). */
    since: text('since'),
    /** ACLED: the sync cursor and progress as JSON (lib/acled/sync-state.ts), committed with each page. */
    syncState: text('sync_state'),
    /** Bad credentials: not polled again until an admin edits the source. */
    authFailed: integer('auth_failed', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('sources_due_idx').on(t.enabled, t.nextFetchAt)],
);

/**
 * A news item or pasted text, with what extraction made of it. `itemKey` is the item's identity
 * across fetches and feeds (the GUID, else the canonical link): unique, so the same item fetched
 * again or found in two feeds never makes a second report. Pasted reports without a URL have none.
 * `draft`, `spans` and `candidates` are JSON as the API returns them.
 */
export const reports = sqliteTable(
  'reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceId: integer('source_id').references(() => sources.id, { onDelete: 'set null' }),
    sourceName: text('source_name'),
    itemKey: text('item_key'),
    url: text('url'),
    title: text('title'),
    text: text('text').notNull(),
    publishedAt: integer('published_at'),
    fetchedAt: integer('fetched_at').notNull(),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('new'),
    isIncident: integer('is_incident', { mode: 'boolean' }).notNull(),
    /** The region of the draft's place (filter of the triage queue). */
    region: text('region'),
    duplicateOf: integer('duplicate_of'),
    incidentId: integer('incident_id').references(() => incidents.id, { onDelete: 'set null' }),
    draft: text('draft').notNull(),
    spans: text('spans').notNull().default('[]'),
    candidates: text('candidates').notNull().default('[]'),
    /** Normalised word shingles' fingerprint for near-duplicate look-up across outlets. */
    fingerprint: text('fingerprint'),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
    dismissReason: text('dismiss_reason'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('reports_item_key_uq').on(t.itemKey),
    index('reports_status_idx').on(t.status, sql`${t.id} DESC`),
    index('reports_source_idx').on(t.sourceId, sql`${t.id} DESC`),
    index('reports_published_idx').on(t.publishedAt),
    // The queue filtered by region (and status), newest first. Word search (`q`) uses the
    // full-text table reports_fts that migration 0009 adds beside this index, kept by triggers.
    index('reports_queue_idx').on(t.region, t.status, sql`${t.id} DESC`),
  ],
);

/** One report's account of an incident: its outlet and figures, beside the adopted ones. */
export const incidentSources = sqliteTable(
  'incident_sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    reportId: integer('report_id').references(() => reports.id, { onDelete: 'set null' }),
    outlet: text('outlet'),
    url: text('url'),
    publishedAt: integer('published_at'),
    killed: integer('killed'),
    injured: integer('injured'),
    /** JSON `{ security, civilians, militants }` or null. */
    killedBy: text('killed_by'),
    injuredBy: text('injured_by'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('incident_sources_incident_idx').on(t.incidentId), uniqueIndex('incident_sources_report_uq').on(t.incidentId, t.reportId)],
);

/** The claims ledger: a group's claim or denial, or an official attribution. */
export const incidentClaims = sqliteTable(
  'incident_claims',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    groupId: text('group_id').notNull(),
    kind: text('kind', { enum: CLAIM_KINDS }).notNull(),
    by: text('by'),
    at: integer('at').notNull(),
    reportId: integer('report_id').references(() => reports.id, { onDelete: 'set null' }),
  },
  (t) => [index('incident_claims_incident_idx').on(t.incidentId), index('incident_claims_at_idx').on(t.at)],
);
