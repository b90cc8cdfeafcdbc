import { eq } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { apiTokens } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Role } from '@/lib/auth/roles';
import { recordAudit } from './audit';
import { createApiToken, revokeApiToken } from './tokens';

/**
 * Token changes with their audit row in one transaction. better-sqlite3 runs the transaction on
 * the one connection, so the token service's statements on `db` join it.
 */
export function createTokenAudited(
  store: Store,
  input: { name: string; role: Role; expiresAt: number | null },
  actor: string,
  now = Date.now(),
): { id: number; token: string } {
  const db = sqlOf(store);
  return db.transaction(
    () => {
      const created = createApiToken(db, { ...input, now });
      recordAudit(db, {
        actor,
        action: 'create',
        entity: 'token',
        entityId: created.id,
        after: { name: input.name, role: input.role, expiresAt: input.expiresAt },
        at: now,
      });
      return created;
    },
    { behavior: 'immediate' },
  );
}

export function revokeTokenAudited(store: Store, id: number, actor: string, now = Date.now()): void {
  const db = sqlOf(store);
  db.transaction(
    () => {
      const before = db
        .select({ name: apiTokens.name, role: apiTokens.role, revokedAt: apiTokens.revokedAt })
        .from(apiTokens)
        .where(eq(apiTokens.id, id))
        .get();
      if (!before) throw new AppError('not_found', 'No such token.');
      if (!revokeApiToken(db, id, now)) return;
      recordAudit(db, { actor, action: 'revoke', entity: 'token', entityId: id, before, after: { ...before, revokedAt: now }, at: now });
    },
    { behavior: 'immediate' },
  );
}
