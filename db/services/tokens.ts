import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import { storeFile, type Store } from '@/db/store';
import { cachedToken, forgetToken, rememberToken, TOKEN_CHANNEL, tokenEpoch } from '@/db/token-cache';
import { cachedStatement } from '@/db/statement-cache';
import { affected, builder, engineOf, execute } from '@/db/engine';
import { apiTokens } from '@/db/schema';
import type { Role } from '@/lib/auth/roles';

const PREFIX = 'fw_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates a random bearer token; only its hash is stored, the token itself is returned once. */
export async function createApiToken(
  store: Store,
  opts: { name: string; role?: Role; expiresAt?: number | null; now?: number },
): Promise<{ id: number; token: string }> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const now = opts.now ?? Date.now();
  const [row] = await builder(store)
    .insert(apiTokens)
    .values({
      name: opts.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
      role: opts.role ?? 'analyst',
      createdAt: now,
      expiresAt: opts.expiresAt ?? null,
    })
    .returning({ id: apiTokens.id });
  return { id: row.id, token };
}

export interface TokenPrincipal {
  id: number;
  name: string;
  role: Role;
}

/** The live (unrevoked, unexpired) token matching `token`, or null. Lookup is by hash, never by plaintext. */
export async function verifyApiToken(store: Store, token: string, now = Date.now()): Promise<TokenPrincipal | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const hash = hashToken(token);
  if (engineOf(store) === 'sqlite') {
    // Every API request passes here: on SQLite a cached prepared statement, not a query built per call.
    const row = cachedStatement(
      sqlOf(store),
      'SELECT id, name, role FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)',
    ).get(hash, now) as TokenPrincipal | undefined;
    return row ?? null;
  }
  // PostgreSQL: a token verified in the last few seconds is taken from the process's cache
  // (db/token-cache.ts, which says how revokes reach it), not read again on every request.
  const database = storeFile(store);
  const hit = cachedToken(database, hash, now);
  if (hit) return { id: hit.id, name: hit.name, role: hit.role };
  const epoch = tokenEpoch();
  const [row] = await builder(store)
    .select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role, expiresAt: apiTokens.expiresAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))))
    .limit(1);
  if (!row) return null;
  rememberToken(database, hash, row, epoch, now);
  return { id: row.id, name: row.name, role: row.role };
}

/**
 * Revokes a live token; false when there is none with that id (or it was revoked already). The
 * process's token cache forgets it now and again when the caller's transaction has ended (see
 * forgetRevokedToken); on PostgreSQL every other instance is told at commit (NOTIFY).
 */
export async function revokeApiToken(store: Store, id: number, now = Date.now()): Promise<boolean> {
  forgetToken(id);
  const result = await builder(store)
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
  const revoked = affected(result) > 0;
  if (revoked && engineOf(store) === 'postgres') await execute(store, sql`SELECT pg_notify(${TOKEN_CHANNEL}, ${String(id)})`);
  return revoked;
}

/** After the revoke's transaction has ended: a request that read the token meanwhile does not keep it. */
export const forgetRevokedToken = (id: number): void => forgetToken(id);
