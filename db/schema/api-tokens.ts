import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const TOKEN_ROLES = ['viewer', 'analyst', 'admin'] as const;

/** Bearer tokens for the API. Only the SHA-256 of the token is stored. */
export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  prefix: text('prefix').notNull(),
  role: text('role', { enum: TOKEN_ROLES }).notNull().default('analyst'),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at'),
  revokedAt: integer('revoked_at'),
  lastUsedAt: integer('last_used_at'),
});
