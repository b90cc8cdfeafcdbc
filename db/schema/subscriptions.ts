import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth';

export const SUBSCRIPTION_KINDS = ['weekly', 'alerts'] as const;
export const MAIL_DELIVERY_KINDS = ['weekly', 'alerts', 'manual', 'confirm'] as const;
export const MAIL_DELIVERY_STATUSES = ['queued', 'sent', 'failed'] as const;

/**
 * Mail subscriptions (issue 23): who gets the weekly brief or alerts, for which filter. `filter` is
 * JSON: `{ "query": "<dashboard query string>" }` or `{ "viewId": 3 }`. `confirmedAt` stays null
 * until the address owner follows the confirmation link (only asked when a non-admin subscribes an
 * address other than their own); `confirmTokenHash` is the SHA-256 of that link's token.
 * `alertCursor` is the highest alert id already considered for this subscription (alert batching).
 */
export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: SUBSCRIPTION_KINDS }).notNull(),
    filter: text('filter').notNull().default('{}'),
    minSeverity: text('min_severity'),
    email: text('email').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    confirmedAt: integer('confirmed_at'),
    confirmTokenHash: text('confirm_token_hash'),
    alertCursor: integer('alert_cursor').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('subscriptions_user_idx').on(t.userId), index('subscriptions_kind_idx').on(t.kind, t.enabled)],
);

/**
 * Every mail sent or tried for a subscription: the delivery log and the retry queue. A scheduled
 * weekly mail has kind 'weekly' and its week in both `week` and `ledgerWeek`; the unique key
 * (subscription_id, ledger_week) is the weekly ledger: one per subscription and week, whatever
 * restarts or instances race. Other rows (manual sends too) leave `ledgerWeek` null, and NULLs never
 * collide in a unique index on either engine, so they stay outside the ledger.
 * `payload` is what the mail is about (JSON: the alert ids of a batch), so a retry resends the same.
 */
export const mailDeliveries = sqliteTable(
  'mail_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: MAIL_DELIVERY_KINDS }).notNull(),
    week: text('week'),
    ledgerWeek: text('ledger_week'),
    status: text('status', { enum: MAIL_DELIVERY_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    messageId: text('message_id'),
    payload: text('payload').notNull().default('{}'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [
    uniqueIndex('mail_deliveries_ledger_uq').on(t.subscriptionId, t.ledgerWeek),
    index('mail_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('mail_deliveries_subscription_idx').on(t.subscriptionId, t.createdAt),
  ],
);
