// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { builder } from '@/db/engine';
import { apiTokens } from '@/db/schema';
import { listenForOutbox, type OutboxListener } from '@/db/background';
import { createApiToken, hashToken, verifyApiToken } from '@/db/services/tokens';
import { revokeTokenAudited } from '@/db/services/token-admin';
import { TOKEN_CACHE_MS } from '@/db/token-cache';
import { openTestStore, testEngine, type TestStore } from '../support/engine';

/**
 * The API token cache (db/token-cache.ts): a revoke on this process takes effect at once; a revoke
 * by another instance (a plain connection here) reaches this one by NOTIFY, and without that
 * notification at the latest after TOKEN_CACHE_MS. SQLite never caches: another process's revoke
 * is seen by the next request.
 */
describe(`API token cache on ${testEngine}`, () => {
  let t: TestStore;
  let other: pg.Client | undefined;

  /** Revokes as another instance or process would: its own connection, no call into this process. */
  async function revokeElsewhere(id: number, notify: boolean): Promise<void> {
    if (t.engine === 'sqlite') {
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(t.target);
      db.prepare('UPDATE api_tokens SET revoked_at = 1 WHERE id = ?').run(id);
      db.close();
      return;
    }
    await other!.query('BEGIN');
    await other!.query('UPDATE api_tokens SET revoked_at = 1 WHERE id = $1', [id]);
    if (notify) await other!.query(`SELECT pg_notify('frontier_tokens', $1)`, [String(id)]);
    await other!.query('COMMIT');
  }

  beforeAll(async () => {
    t = await openTestStore();
    if (t.engine === 'postgres') {
      other = new pg.Client({ connectionString: t.target });
      await other.connect();
    }
  });
  afterAll(async () => {
    await other?.end();
    await t.close();
  });

  it('a token revoked on this process is refused by the next request', async () => {
    const { id, token } = await createApiToken(t.store, { name: 'feed', role: 'analyst' });
    expect(await verifyApiToken(t.store, token)).toEqual({ id, name: 'feed', role: 'analyst' });
    expect(await verifyApiToken(t.store, token)).toEqual({ id, name: 'feed', role: 'analyst' });
    await revokeTokenAudited(t.store, id, 'user:1');
    expect(await verifyApiToken(t.store, token)).toBeNull();
  });

  it('a read that began before a revoke on this process is not remembered after it', async () => {
    const { id, token } = await createApiToken(t.store, { name: 'racing', role: 'analyst' });
    const racing = verifyApiToken(t.store, token); // its read may see the token still live
    await revokeTokenAudited(t.store, id, 'user:1');
    await racing;
    expect(await verifyApiToken(t.store, token)).toBeNull();
  });

  it('a revoke by another instance is refused after its notification, and without one after TOKEN_CACHE_MS', async () => {
    let listener: OutboxListener | undefined;
    try {
      if (t.engine === 'postgres') {
        listener = listenForOutbox(t.store, { retryMs: 50 });
        while (!listener.listening) await new Promise((r) => setTimeout(r, 10));
      }
      const notified = await createApiToken(t.store, { name: 'notified', role: 'viewer' });
      expect(await verifyApiToken(t.store, notified.token)).toMatchObject({ id: notified.id });
      await revokeElsewhere(notified.id, true);
      const until = Date.now() + TOKEN_CACHE_MS / 2; // well before the time bound: only the notification can do it
      while ((await verifyApiToken(t.store, notified.token)) !== null && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(await verifyApiToken(t.store, notified.token)).toBeNull();

      // No notification (lost while the listener was away): the cache's time bound still holds.
      const silent = await createApiToken(t.store, { name: 'silent', role: 'viewer' });
      const now = Date.now();
      expect(await verifyApiToken(t.store, silent.token, now)).toMatchObject({ id: silent.id });
      await revokeElsewhere(silent.id, false);
      if (t.engine === 'postgres') expect(await verifyApiToken(t.store, silent.token, now + 1)).toMatchObject({ id: silent.id });
      else expect(await verifyApiToken(t.store, silent.token, now + 1)).toBeNull();
      expect(await verifyApiToken(t.store, silent.token, now + TOKEN_CACHE_MS)).toBeNull();
    } finally {
      await listener?.stop();
    }
  });

  it('an expired token is refused even while remembered, and an unknown one is never remembered', async () => {
    const now = Date.now();
    const { token } = await createApiToken(t.store, { name: 'short', role: 'viewer', expiresAt: now + 1_000 });
    expect(await verifyApiToken(t.store, token, now)).not.toBeNull();
    expect(await verifyApiToken(t.store, token, now + 1_000)).toBeNull();
    const later = `fw_later_${now}`;
    expect(await verifyApiToken(t.store, later, now)).toBeNull();
    await builder(t.store)
      .insert(apiTokens)
      .values({ name: 'later', tokenHash: hashToken(later), prefix: later.slice(0, 10), role: 'viewer', createdAt: now });
    expect(await verifyApiToken(t.store, later, now)).toMatchObject({ name: 'later' });
  });
});
