import { desc } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { apiTokens } from '@/db/schema';
import type { Role } from '@/lib/auth/roles';

export interface TokenView {
  id: number;
  name: string;
  prefix: string;
  role: Role;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

/** Every token, newest first, without hashes. */
export function listApiTokens(store: Store): TokenView[] {
  const db = sqlOf(store);
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      role: apiTokens.role,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .orderBy(desc(apiTokens.id))
    .all();
}
