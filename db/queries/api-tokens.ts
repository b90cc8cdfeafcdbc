import { desc } from 'drizzle-orm';
import type { Store } from '@/db/store';
import { builder } from '@/db/engine';
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
export async function listApiTokens(store: Store): Promise<TokenView[]> {
  return builder(store)
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
    .orderBy(desc(apiTokens.id));
}
