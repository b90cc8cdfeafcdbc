// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Store } from '@/db/store';
import { builder } from '@/db/engine';
import { listAudit } from '@/db/queries/audit';
import { auditLog, sessions } from '@/db/schema';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, createSession, verifySession } from '@/db/services/sessions';
import { revokeTokenAudited } from '@/db/services/token-admin';
import { updateUser } from '@/db/services/users';
import { authorize } from '@/server/auth/authorize';
import { signIn, signOut } from '@/server/auth/sign-in';
import { ensureFirstAdmin } from '@/server/auth/bootstrap';
import { auditFilterSchema } from '@/lib/validation/audit-filter';
import { authTempDb, makeUser, mintToken, type AuthTempDb } from '../support/auth';

let t: AuthTempDb;
let db: Store;
beforeAll(async () => {
  t = await authTempDb();
  db = t.store;
});
afterAll(() => t.cleanup());

const T0 = Date.UTC(2026, 10, 25, 12);

describe('sign-in', () => {
  it('opens a session for the right password and nothing for a wrong one or an unknown email', async () => {
    const u = await makeUser(db, 'analyst');
    const ok = await signIn(db, u.email.toUpperCase(), u.password);
    expect(ok?.userId).toBe(u.id);
    expect((await verifySession(db, ok!.token))?.role).toBe('analyst');
    expect(await signIn(db, u.email, `${u.password}x`)).toBeNull();
    expect(await signIn(db, 'nobody@example.org', u.password)).toBeNull();
  });

  it('stores only a hash of the session id', async () => {
    const u = await makeUser(db);
    const s = await createSession(db, u.id);
    const rows = await builder(db).select().from(sessions).where(eq(sessions.userId, u.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).not.toContain(s.token);
    expect(rows[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('session expiry', () => {
  it('ends after the idle limit, slides with use, and stops at the absolute limit', async () => {
    const u = await makeUser(db);
    const s = await createSession(db, u.id, { now: T0 });
    expect(await verifySession(db, s.token, T0 + SESSION_IDLE_MS - 1)).not.toBeNull();
    // That use pushed the idle deadline forward.
    expect(await verifySession(db, s.token, T0 + SESSION_IDLE_MS + 1000)).not.toBeNull();
    const idle = await createSession(db, u.id, { now: T0 });
    expect(await verifySession(db, idle.token, T0 + SESSION_IDLE_MS + 1)).toBeNull();
    // Keep using it every 12 h: it still ends at the absolute limit.
    let now = T0;
    const busy = await createSession(db, u.id, { now: T0 });
    while (now + 12 * 3600_000 < T0 + SESSION_ABSOLUTE_MS) {
      now += 12 * 3600_000;
      expect(await verifySession(db, busy.token, now)).not.toBeNull();
    }
    expect(await verifySession(db, busy.token, T0 + SESSION_ABSOLUTE_MS)).toBeNull();
  });
});

describe('revocation', () => {
  it('sign-out ends that session only; sign-out everywhere ends all of them', async () => {
    const u = await makeUser(db);
    const a = await createSession(db, u.id);
    const b = await createSession(db, u.id);
    await signOut(db, a.token, { userId: u.id });
    expect(await verifySession(db, a.token)).toBeNull();
    expect(await verifySession(db, b.token)).not.toBeNull();
    const c = await createSession(db, u.id);
    await signOut(db, c.token, { userId: u.id, everywhere: true });
    expect(await verifySession(db, b.token)).toBeNull();
    expect(await verifySession(db, c.token)).toBeNull();
  });

  it('a role change or disabling the account ends its sessions at once', async () => {
    await makeUser(db, 'admin');
    const u = await makeUser(db, 'analyst');
    const s1 = await createSession(db, u.id);
    await updateUser(db, u.id, { role: 'viewer' }, 'test');
    expect(await verifySession(db, s1.token)).toBeNull();
    const s2 = await createSession(db, u.id);
    await updateUser(db, u.id, { disabled: true }, 'test');
    expect(await verifySession(db, s2.token)).toBeNull();
    expect(await signIn(db, u.email, u.password)).toBeNull();
  });

  it('refuses to disable or demote the last active admin', async () => {
    const fresh = await authTempDb();
    try {
      const admin = await makeUser(fresh.store, 'admin');
      await expect(updateUser(fresh.store, admin.id, { role: 'analyst' }, 'test')).rejects.toThrow(/admin must remain/);
      await expect(updateUser(fresh.store, admin.id, { disabled: true }, 'test')).rejects.toThrow(/admin must remain/);
    } finally {
      await fresh.cleanup();
      t = await authTempDb();
      db = t.store;
    }
  });

  it('a revoked API token is refused on the very next request', async () => {
    const token = await mintToken(db, 'analyst');
    const req = () => new Request('http://127.0.0.1/api/x', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const p = await authorize(req(), 'analyst');
    expect(p.kind).toBe('token');
    await revokeTokenAudited(db, Number(p.id.split(':')[1]), 'user:1');
    await expect(authorize(req(), 'viewer')).rejects.toMatchObject({ code: 'unauthorized' });
  });
});

describe('audit trail and bootstrap', () => {
  it('records user changes with before/after and filters them', async () => {
    await makeUser(db, 'admin');
    const u = await makeUser(db, 'viewer');
    await updateUser(db, u.id, { role: 'analyst' }, 'user:99');
    const page = await listAudit(db, auditFilterSchema.parse({ entity: 'user', entityId: String(u.id) }));
    expect(page.items.map((r) => r.action)).toEqual(['change-role', 'create']);
    expect(page.items[0]).toMatchObject({ actor: 'user:99', before: { role: 'viewer' }, after: { role: 'analyst' } });
    expect((await listAudit(db, auditFilterSchema.parse({ actor: 'user:9' }))).items.every((r) => r.actor.startsWith('user:9'))).toBe(true);
    expect((await builder(db).select().from(auditLog)).some((r) => (r.after ?? '').includes('passwordHash'))).toBe(false);
  });

  it('creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD only when no user exists', async () => {
    const fresh = await authTempDb();
    try {
      const r = await ensureFirstAdmin(fresh.store, {
        ADMIN_EMAIL: 'Boss@Example.org',
        ADMIN_PASSWORD: 'a-long-enough-secret',
        DEMO_DATA: false,
      });
      expect(r).toEqual({ created: true, email: 'boss@example.org' });
      expect(await signIn(fresh.store, 'boss@example.org', 'a-long-enough-secret')).not.toBeNull();
      expect(
        await ensureFirstAdmin(fresh.store, { ADMIN_EMAIL: 'x@example.org', ADMIN_PASSWORD: 'another-long-secret', DEMO_DATA: false }),
      ).toEqual({ created: false });
    } finally {
      await fresh.cleanup();
      t = await authTempDb();
      db = t.store;
    }
  });
});
