import { desc } from 'drizzle-orm';
import type { Db } from '@/db/connection';
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
export function listApiTokens(db: Db): TokenView[] {
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
