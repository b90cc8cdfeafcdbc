import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDb } from '@/db/client';
import { openDatabase, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { migrateSqlite } from '@/db/migrate';
import { createSession } from '@/db/services/sessions';
import { createApiToken } from '@/db/services/tokens';
import { createUser } from '@/db/services/users';
import type { Role } from '@/lib/auth/roles';
import { resetEnvCache } from '@/lib/env';
import { resetRateLimits } from '@/server/security/rate-limit';

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
export async function makeUser(db: Db, role: Role = 'viewer'): Promise<{ id: number; email: string; password: string }> {
  const email = `${role}-${++seq}-${process.pid}@example.org`;
  const password = `pw-${role}-correct-horse-${seq}`;
  const { user } = await createUser(db, { email, role, password }, 'test');
  return { id: user.id, email, password };
}

/** A Cookie header for a fresh session of `userId` (plain-http cookie name). */
export function sessionCookie(db: Db, userId: number): string {
  return `fw_session=${createSession(db, userId).token}`;
}

export interface AuthTempDb {
  db: Db;
  cleanup(): Promise<void>;
}

/** A fresh migrated SQLite file that getDb() (and so every route handler) will open. */
export async function authTempDb(): Promise<AuthTempDb> {
  const dir = mkdtempSync(join(tmpdir(), 'fw-auth-'));
  const path = join(dir, 'test.db');
  process.env.DATABASE_PATH = path;
  process.env.DEMO_DATA = 'false';
  resetEnvCache();
  await closeDb();
  resetRateLimits();
  const db = openDatabase(path);
  migrateSqlite(db, { reportTimeZone: 'Asia/Karachi' });
  return {
    db,
    async cleanup() {
      await closeDb();
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
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
