import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { sqlOf, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { cachedStatement } from '@/db/statement-cache';
import { apiTokens } from '@/db/schema';
import type { Role } from '@/lib/auth/roles';

const PREFIX = 'fw_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates a random bearer token; only its hash is stored, the token itself is returned once. */
export function createApiToken(
  store: Store,
  opts: { name: string; role?: Role; expiresAt?: number | null; now?: number },
): { id: number; token: string } {
  const db = sqlOf(store);
  const token = PREFIX + randomBytes(32).toString('base64url');
  const now = opts.now ?? Date.now();
  const row = db
    .insert(apiTokens)
    .values({
      name: opts.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
      role: opts.role ?? 'analyst',
      createdAt: now,
      expiresAt: opts.expiresAt ?? null,
    })
    .returning({ id: apiTokens.id })
    .get();
  return { id: row.id, token };
}

export interface TokenPrincipal {
  id: number;
  name: string;
  role: Role;
}

/** The live (unrevoked, unexpired) token matching `token`, or null. Lookup is by hash, never by plaintext. */
export function verifyApiToken(store: Store, token: string, now = Date.now()): TokenPrincipal | null {
  const db = sqlOf(store);
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  // Every API request passes here: a cached prepared statement, not a query built per call.
  const row = cachedStatement(
    db,
    'SELECT id, name, role FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)',
  ).get(hashToken(token), now) as TokenPrincipal | undefined;
  return row ?? null;
}

export function revokeApiToken(db: Db, id: number, now = Date.now()): boolean {
  return (
    db
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .run().changes > 0
  );
}
