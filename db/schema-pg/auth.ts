import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { USER_ROLES } from '../schema/auth';
import { instant, serialId } from './types';

/** Mirrors db/schema/auth.ts: users, sessions (only token hashes) and the audit trail. */
export const users = pgTable('users', {
  id: serialId(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: USER_ROLES }).notNull().default('viewer'),
  passwordHash: text('password_hash').notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
  disabledAt: instant('disabled_at'),
  lastSignInAt: instant('last_sign_in_at'),
});

export const sessions = pgTable(
  'sessions',
  {
    id: serialId(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    absoluteExpiresAt: instant('absolute_expires_at').notNull(),
    revokedAt: instant('revoked_at'),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** before/after stay JSON text: the trail shows exactly what was written, key order included. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serialId(),
    at: instant('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: text('before'),
    after: text('after'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_entity_idx').on(t.entity, t.entityId, t.at),
    index('audit_actor_idx').on(t.actor, t.at),
  ],
);
