// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { affected, builder, engineOf, execute, inTransaction, rows, transact } from '@/db/engine';
import { apiTokens, auditLog, meta } from '@/db/schema';
import { createApiToken, revokeApiToken, verifyApiToken } from '@/db/services/tokens';
import { createTokenAudited, revokeTokenAudited } from '@/db/services/token-admin';
import { listApiTokens } from '@/db/queries/api-tokens';
import { storeFile } from '@/db/store';
import { openTestStore, testEngine, type TestStore } from '../support/engine';

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
});
afterAll(() => t.close());

const metaValue = async (key: string) => (await builder(t.store).select().from(meta).where(eq(meta.key, key)))[0]?.value;

describe(`the store on ${testEngine}`, () => {
  it('is the engine under test, and its identity never shows a password', () => {
    expect(engineOf(t.store)).toBe(testEngine);
    expect(storeFile(t.store)).not.toMatch(/:[^:@/]+@/.test(t.target) ? t.target.split('@')[0].split(':').at(-1)! : 'no password');
    if (testEngine === 'postgres') expect(storeFile(t.store)).toContain('***');
  });

  it('reads integers and counts as numbers, as SQLite does', async () => {
    await builder(t.store)
      .insert(apiTokens)
      .values({ name: 'n', tokenHash: 'h', prefix: 'p', role: 'viewer', createdAt: 1_700_000_000_001 });
    const [r] = await rows<{ n: number; total: number; at: number }>(
      t.store,
      sql`SELECT count(*) AS n, sum(created_at) AS total, max(created_at) AS at FROM api_tokens`,
    );
    expect(r).toEqual({ n: 1, total: 1_700_000_000_001, at: 1_700_000_000_001 });
  });

  it('commits a transaction, and rolls back every write of one that throws', async () => {
    await transact(t.store, async (tx) => {
      expect(inTransaction(tx)).toBe(true);
      await builder(tx).insert(meta).values({ key: 'kept', value: '1' });
    });
    const failed = await transact(t.store, async (tx) => {
      await builder(tx).insert(meta).values({ key: 'lost', value: '1' });
      // Nested calls run inline in the same transaction, so they roll back with it.
      await transact(tx, async (inner) => void (await builder(inner).insert(meta).values({ key: 'lost-too', value: '1' })));
      throw new Error('boom');
    }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(await metaValue('kept')).toBe('1');
    expect(await metaValue('lost')).toBeUndefined();
    expect(await metaValue('lost-too')).toBeUndefined();
  });

  it('keeps concurrent read-modify-write transactions exact', async () => {
    await builder(t.store).insert(meta).values({ key: 'counter', value: '0' });
    // 20 increments started at once: on SQLite they queue on the connection's lock; on
    // PostgreSQL at REPEATABLE READ the losers get 40001 and run again.
    await Promise.all(
      Array.from({ length: 20 }, () =>
        transact(
          t.store,
          async (tx) => {
            const [row] = await builder(tx).select().from(meta).where(eq(meta.key, 'counter'));
            await builder(tx)
              .update(meta)
              .set({ value: String(Number(row.value) + 1) })
              .where(eq(meta.key, 'counter'));
          },
          { isolation: 'repeatable read' },
        ),
      ),
    );
    expect(await metaValue('counter')).toBe('20');
  });

  it('counts the rows a write changed', async () => {
    expect(await execute(t.store, sql`UPDATE meta SET value = 'x' WHERE key = 'nothing'`)).toBe(0);
    expect(affected(await builder(t.store).update(meta).set({ value: '2' }).where(eq(meta.key, 'kept')))).toBe(1);
  });
});

describe(`API tokens on ${testEngine}`, () => {
  it('creates, verifies, lists and revokes a token, with audit rows', async () => {
    const { id, token } = await createTokenAudited(t.store, { name: 'feed', role: 'analyst', expiresAt: null }, 'user:1');
    expect(await verifyApiToken(t.store, token)).toEqual({ id, name: 'feed', role: 'analyst' });
    expect(await verifyApiToken(t.store, `${token}x`)).toBeNull();
    const listed = await listApiTokens(t.store);
    expect(listed.find((x) => x.id === id)).toMatchObject({ name: 'feed', role: 'analyst', revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(token.slice(10));
    await revokeTokenAudited(t.store, id, 'user:1', 5_000);
    expect(await verifyApiToken(t.store, token)).toBeNull();
    await expect(revokeTokenAudited(t.store, 999_999, 'user:1')).rejects.toMatchObject({ code: 'not_found' });
    const audit = await builder(t.store)
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(id)));
    expect(audit.map((a) => [a.entity, a.action, a.actor]).sort()).toEqual([
      ['token', 'create', 'user:1'],
      ['token', 'revoke', 'user:1'],
    ]);
  });

  it('refuses an expired token, and a revoked one stays revoked', async () => {
    const { id, token } = await createApiToken(t.store, { name: 'short', role: 'viewer', expiresAt: 1_000 });
    expect(await verifyApiToken(t.store, token, 999)).toMatchObject({ id });
    expect(await verifyApiToken(t.store, token, 1_000)).toBeNull();
    expect(await revokeApiToken(t.store, id)).toBe(true);
    expect(await revokeApiToken(t.store, id)).toBe(false);
    const [row] = await builder(t.store).select({ revokedAt: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.id, id));
    expect(typeof row.revokedAt).toBe('number');
  });
});
