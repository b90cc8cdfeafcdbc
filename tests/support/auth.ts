import type { Db } from '@/db/connection';
import { closeDb } from '@/db/client';
import type { Store } from '@/db/store';
import { createSession } from '@/db/services/sessions';
import { createApiToken } from '@/db/services/tokens';
import { createUser } from '@/db/services/users';
import type { Role } from '@/lib/auth/roles';
import { resetEnvCache } from '@/lib/env';
import { resetRateLimits } from '@/server/security/rate-limit';
import { openTestStore, type TestEngine } from './engine';

/** A bearer token with `role` for integration tests that call route handlers. */
export async function mintToken(db: Store, role: Role = 'viewer'): Promise<string> {
  return (await createApiToken(db, { name: `test-${role}`, role })).token;
}

/** `{ authorization: 'Bearer …' }` for a fresh token with `role`. */
export async function authHeader(db: Store, role: Role = 'viewer'): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await mintToken(db, role)}` };
}

let seq = 0;
/** A user with a known password. */
export async function makeUser(db: Store, role: Role = 'viewer'): Promise<{ id: number; email: string; password: string }> {
  const email = `${role}-${++seq}-${process.pid}@example.org`;
  const password = `pw-${role}-correct-horse-${seq}`;
  const { user } = await createUser(db, { email, role, password }, 'test');
  return { id: user.id, email, password };
}

/** A Cookie header for a fresh session of `userId` (plain-http cookie name). */
export async function sessionCookie(db: Store, userId: number): Promise<string> {
  return `fw_session=${(await createSession(db, userId)).token}`;
}

export interface AuthTempDb {
  /** The store the route handlers use too (the engine under test: tests/support/engine.ts). */
  store: Store;
  engine: TestEngine;
  /** The SQLite connection, for tests that read SQLite directly (they run on SQLite only). */
  db: Db;
  cleanup(): Promise<void>;
}

/**
 * A fresh migrated store of the engine under test that getStore() (and so every route handler)
 * will open: DATABASE_PATH (SQLite) or DATABASE_URL (PostgreSQL) points at it, as useTempDb does.
 */
export async function authTempDb(): Promise<AuthTempDb> {
  process.env.DEMO_DATA = 'false';
  const t = await openTestStore({ timeZone: 'Asia/Karachi' });
  if (t.engine === 'postgres') {
    process.env.DATABASE_URL = t.target;
    process.env.DATABASE_POOL_MAX = '4';
  } else {
    delete process.env.DATABASE_URL;
    process.env.DATABASE_PATH = t.target;
  }
  resetEnvCache();
  await closeDb();
  resetRateLimits();
  return {
    store: t.store,
    engine: t.engine,
    get db(): Db {
      if (t.engine !== 'sqlite') throw new Error('this test reads SQLite directly: it runs on SQLite only');
      return t.store as Db;
    },
    async cleanup() {
      await closeDb();
      await t.close();
    },
  };
}

type Handler<A extends unknown[]> = (req: Request, ...rest: A) => Promise<Response>;

/**
 * Wraps a route handler so requests that carry no credentials get `headers` (e.g. a viewer's
 * bearer token) added: tests written before sign-in became mandatory keep building plain Requests.
 * Requests that already send Authorization or Cookie pass through untouched.
 */
export function withCredentials<A extends unknown[]>(handler: Handler<A>, headers: Record<string, string>): Handler<A> {
  return (req: Request, ...rest: A) => {
    if (req.headers.has('authorization') || req.headers.has('cookie')) return handler(req, ...rest);
    const merged = new Headers(req.headers);
    for (const [k, v] of Object.entries(headers)) merged.set(k, v);
    const init: RequestInit & { duplex?: 'half' } = { headers: merged, duplex: 'half' };
    return handler(new Request(req, init), ...rest);
  };
}
