import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { incidents } from './incidents';

export const RULE_KINDS = ['threshold', 'mass-casualty', 'spike', 'new-actor', 'proximity', 'cross-border'] as const;
export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export const ALERT_STATUSES = ['firing', 'acknowledged', 'resolved'] as const;

export const alertRules = sqliteTable('alert_rules', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  kind: text('kind', { enum: RULE_KINDS }).notNull(),
  severity: text('severity', { enum: SEVERITIES }).notNull(),
  /** JSON `{ group?: string[], region?: string[], type?: string[] }` */
  scope: text('scope').notNull().default('{}'),
  /** JSON, per kind (count, windowHours, killed, radiusKm, siteIds, …) */
  params: text('params').notNull().default('{}'),
  webhookUrl: text('webhook_url'),
  webhookSecret: text('webhook_secret'),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  silencedUntil: integer('silenced_until'),
  /** A starter rule the demo seeded: the UI badges it "example"; edits keep the flag. */
  example: integer('example', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const alerts = sqliteTable(
  'alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ruleId: integer('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    /** Fires once per rule and key: the incident id, or the window for window rules. */
    dedupeKey: text('dedupe_key').notNull(),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    status: text('status', { enum: ALERT_STATUSES }).notNull().default('firing'),
    firedAt: integer('fired_at').notNull(),
    summary: text('summary').notNull(),
    /** JSON with the numbers behind the alert (observed, baseline, p, distanceKm, …). */
    details: text('details').notNull().default('{}'),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: integer('acknowledged_at'),
    ackNote: text('ack_note'),
    resolvedBy: text('resolved_by'),
    resolvedAt: integer('resolved_at'),
  },
  (t) => [
    uniqueIndex('alerts_rule_key_uq').on(t.ruleId, t.dedupeKey),
    index('alerts_status_idx').on(t.status, t.firedAt),
    index('alerts_fired_idx').on(t.firedAt),
  ],
);

export const alertIncidents = sqliteTable(
  'alert_incidents',
  {
    alertId: integer('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.incidentId] }), index('alert_incidents_incident_idx').on(t.incidentId)],
);

export const SITE_KINDS = ['border-crossing', 'cpec-project', 'chinese-project', 'military', 'other'] as const;

export const sites = sqliteTable('sites', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  lat: real('lat').notNull(),
  lon: real('lon').notNull(),
  kind: text('kind', { enum: SITE_KINDS }).notNull(),
  /** Seeded illustrative locations are flagged so the UI can label them as examples. */
  example: integer('example', { mode: 'boolean' }).notNull().default(false),
  notes: text('notes'),
  createdAt: integer('created_at').notNull(),
});

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    alertId: integer('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    ruleId: integer('rule_id').notNull(),
    url: text('url').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt)],
);
