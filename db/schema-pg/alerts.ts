import { boolean, doublePrecision, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ALERT_STATUSES, DELIVERY_STATUSES, RULE_KINDS, SEVERITIES, SITE_KINDS } from '../schema/alerts';
import { incidents } from './incidents';
import { instant, serialId } from './types';

/** Mirrors db/schema/alerts.ts. scope, params, details and payload stay JSON text (docs/scale-out.md). */
export const alertRules = pgTable('alert_rules', {
  id: serialId(),
  name: text('name').notNull(),
  kind: text('kind', { enum: RULE_KINDS }).notNull(),
  severity: text('severity', { enum: SEVERITIES }).notNull(),
  scope: text('scope').notNull().default('{}'),
  params: text('params').notNull().default('{}'),
  webhookUrl: text('webhook_url'),
  webhookSecret: text('webhook_secret'),
  enabled: boolean('enabled').notNull().default(true),
  silencedUntil: instant('silenced_until'),
  example: boolean('example').notNull().default(false),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const alerts = pgTable(
  'alerts',
  {
    id: serialId(),
    ruleId: integer('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    dedupeKey: text('dedupe_key').notNull(),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    status: text('status', { enum: ALERT_STATUSES }).notNull().default('firing'),
    firedAt: instant('fired_at').notNull(),
    summary: text('summary').notNull(),
    details: text('details').notNull().default('{}'),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: instant('acknowledged_at'),
    ackNote: text('ack_note'),
    resolvedBy: text('resolved_by'),
    resolvedAt: instant('resolved_at'),
  },
  (t) => [
    uniqueIndex('alerts_rule_key_uq').on(t.ruleId, t.dedupeKey),
    index('alerts_status_idx').on(t.status, t.firedAt),
    index('alerts_fired_idx').on(t.firedAt),
  ],
);

export const alertIncidents = pgTable(
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

export const sites = pgTable('sites', {
  id: serialId(),
  name: text('name').notNull(),
  lat: doublePrecision('lat').notNull(),
  lon: doublePrecision('lon').notNull(),
  kind: text('kind', { enum: SITE_KINDS }).notNull(),
  example: boolean('example').notNull().default(false),
  notes: text('notes'),
  createdAt: instant('created_at').notNull(),
});

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: serialId(),
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
    nextAttemptAt: instant('next_attempt_at').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt)],
);
