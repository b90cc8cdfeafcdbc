import { eq } from 'drizzle-orm';
import type { Store } from '@/db/store';
import { builder, transact } from '@/db/engine';
import { apiTokens } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Role } from '@/lib/auth/roles';
import { audit } from './audit';
import { createApiToken, forgetRevokedToken, revokeApiToken } from './tokens';

/** Token changes with their audit row in one transaction. */
export async function createTokenAudited(
  store: Store,
  input: { name: string; role: Role; expiresAt: number | null },
  actor: string,
  now = Date.now(),
): Promise<{ id: number; token: string }> {
  return transact(store, async (tx) => {
    const created = await createApiToken(tx, { ...input, now });
    await audit(tx, {
      actor,
      action: 'create',
      entity: 'token',
      entityId: created.id,
      after: { name: input.name, role: input.role, expiresAt: input.expiresAt },
      at: now,
    });
    return created;
  });
}

export async function revokeTokenAudited(store: Store, id: number, actor: string, now = Date.now()): Promise<void> {
  await transact(store, async (tx) => {
    const [before] = await builder(tx)
      .select({ name: apiTokens.name, role: apiTokens.role, revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(eq(apiTokens.id, id));
    if (!before) throw new AppError('not_found', 'No such token.');
    if (!(await revokeApiToken(tx, id, now))) return;
    await audit(tx, { actor, action: 'revoke', entity: 'token', entityId: id, before, after: { ...before, revokedAt: now }, at: now });
  });
  forgetRevokedToken(id);
}
