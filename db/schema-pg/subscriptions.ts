import { boolean, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { instant, serialId } from './types';
import { MAIL_DELIVERY_KINDS, MAIL_DELIVERY_STATUSES, SUBSCRIPTION_KINDS } from '../schema/subscriptions';

/** Mirrors db/schema/subscriptions.ts. */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: serialId(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: SUBSCRIPTION_KINDS }).notNull(),
    filter: text('filter').notNull().default('{}'),
    minSeverity: text('min_severity'),
    email: text('email').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    confirmedAt: instant('confirmed_at'),
    confirmTokenHash: text('confirm_token_hash'),
    alertCursor: integer('alert_cursor').notNull().default(0),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('subscriptions_user_idx').on(t.userId), index('subscriptions_kind_idx').on(t.kind, t.enabled)],
);

export const mailDeliveries = pgTable(
  'mail_deliveries',
  {
    id: serialId(),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: MAIL_DELIVERY_KINDS }).notNull(),
    week: text('week'),
    ledgerWeek: text('ledger_week'),
    status: text('status', { enum: MAIL_DELIVERY_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull(),
    lastError: text('last_error'),
    messageId: text('message_id'),
    payload: text('payload').notNull().default('{}'),
    createdAt: instant('created_at').notNull(),
    sentAt: instant('sent_at'),
  },
  (t) => [
    uniqueIndex('mail_deliveries_ledger_uq').on(t.subscriptionId, t.ledgerWeek),
    index('mail_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('mail_deliveries_subscription_idx').on(t.subscriptionId, t.createdAt),
  ],
);
