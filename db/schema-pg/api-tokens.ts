import { pgTable, text } from 'drizzle-orm/pg-core';
import { TOKEN_ROLES } from '../schema/api-tokens';
import { instant, serialId } from './types';

/** Mirrors db/schema/api-tokens.ts: only the SHA-256 of a token is stored. */
export const apiTokens = pgTable('api_tokens', {
  id: serialId(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  prefix: text('prefix').notNull(),
  role: text('role', { enum: TOKEN_ROLES }).notNull().default('analyst'),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at'),
  revokedAt: instant('revoked_at'),
  lastUsedAt: instant('last_used_at'),
});
