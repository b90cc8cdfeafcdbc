import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { cachedStatement } from '@/db/statement-cache';
import { affected, builder, engineOf, transact, withSqliteWriteLock } from '@/db/engine';
import { sessions, users } from '@/db/schema';
import type { Role } from '@/lib/auth/roles';
import { audit } from './audit';

/** Idle timeout: a session unused this long ends; each use pushes it forward (sliding). */
export const SESSION_IDLE_MS = 24 * 60 * 60 * 1000;
/** Hard cap whatever the activity: sign in again after this. */
export const SESSION_ABSOLUTE_MS = 14 * 24 * 60 * 60 * 1000;
/** Sliding writes happen at most this often per session, not on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

function hashSessionId(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}

export interface NewSession {
  token: string;
  expiresAt: number;
  /** The cookie lives this long; the database enforces the sliding idle limit before that. */
  absoluteExpiresAt: number;
}

/** Stores a new session for `userId` (in the caller's transaction when given one). */
export async function createSession(
  store: Store,
  userId: number,
  meta: { userAgent?: string | null; ip?: string | null; now?: number } = {},
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const now = meta.now ?? Date.now();
  const expiresAt = now + SESSION_IDLE_MS;
  const absoluteExpiresAt = now + SESSION_ABSOLUTE_MS;
  await builder(store)
    .insert(sessions)
    .values({
      tokenHash: hashSessionId(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      absoluteExpiresAt,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip?.slice(0, 100) ?? null,
    });
  return { token, expiresAt, absoluteExpiresAt };
}

export interface SessionUser {
  sessionId: number;
  userId: number;
  email: string;
  name: string;
  role: Role;
  expiresAt: number;
}

interface LiveSession {
  sessionId: number;
  userId: number;
  email: string;
  name: string;
  role: Role;
  expiresAt: number;
  absoluteExpiresAt: number;
  lastSeenAt: number;
}

const LIVE_SQL = `SELECT s.id AS sessionId, u.id AS userId, u.email, u.name, u.role, s.expires_at AS expiresAt,
  s.absolute_expires_at AS absoluteExpiresAt, s.last_seen_at AS lastSeenAt
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND s.absolute_expires_at > ? AND u.disabled_at IS NULL`;
const TOUCH_SQL = 'UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?';

async function liveSession(store: Store, hash: string, now: number): Promise<LiveSession | undefined> {
  // Every page request passes here: on SQLite a cached prepared statement, not a query built per call.
  if (engineOf(store) === 'sqlite') return cachedStatement(sqlOf(store), LIVE_SQL).get(hash, now, now) as LiveSession | undefined;
  const [row] = await builder(store)
    .select({
      sessionId: sessions.id,
      userId: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      expiresAt: sessions.expiresAt,
      absoluteExpiresAt: sessions.absoluteExpiresAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, hash),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        gt(sessions.absoluteExpiresAt, now),
        isNull(users.disabledAt),
      ),
    );
  return row;
}

async function touch(store: Store, id: number, now: number, expiresAt: number): Promise<void> {
  if (engineOf(store) === 'sqlite') {
    // Under the connection's write lock, so the touch never joins another caller's open transaction.
    await withSqliteWriteLock(store, (db) => cachedStatement(db, TOUCH_SQL).run(now, expiresAt, id));
    return;
  }
  await builder(store).update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
}

/** The live session for a cookie value, sliding its expiry; null if unknown, expired, revoked or the user is disabled. */
export async function verifySession(store: Store, token: string, now = Date.now()): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  const row = await liveSession(store, hashSessionId(token), now);
  if (!row) return null;
  let expiresAt = row.expiresAt;
  if (now - row.lastSeenAt >= TOUCH_EVERY_MS) {
    expiresAt = Math.min(now + SESSION_IDLE_MS, row.absoluteExpiresAt);
    await touch(store, row.sessionId, now, expiresAt);
  }
  return { sessionId: row.sessionId, userId: row.userId, email: row.email, name: row.name, role: row.role, expiresAt };
}

/** Ends the session behind one cookie value (sign out). */
export async function revokeSession(store: Store, token: string, now = Date.now()): Promise<boolean> {
  const result = await builder(store)
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.tokenHash, hashSessionId(token)), isNull(sessions.revokedAt)));
  return affected(result) > 0;
}

/** Ends every session of a user (sign out everywhere, role change, disable). Returns how many ended. */
export async function revokeUserSessions(store: Store, userId: number, now = Date.now()): Promise<number> {
  const result = await builder(store)
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  return affected(result);
}

/**
 * Opens a session for a user whose password was just checked, and audits the sign-in, in one
 * transaction; null when the user is gone or disabled by then. SERIALIZABLE on PostgreSQL, as is
 * updateUser: a role change or disable (which ends the user's sessions) and a sign-in of that user
 * at once cannot both commit unless one saw the other, so no session opened across such a change
 * survives it, as with SQLite's single writer (the loser runs again).
 */
export async function openSignedInSession(
  store: Store,
  userId: number,
  meta: { ip?: string | null; userAgent?: string | null; now: number },
): Promise<NewSession | null> {
  return transact(
    store,
    async (tx) => {
      const [active] = await builder(tx)
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, userId), isNull(users.disabledAt)));
      if (!active) return null;
      const s = await createSession(tx, userId, meta);
      await audit(tx, {
        actor: `user:${userId}`,
        action: 'sign-in',
        entity: 'session',
        entityId: userId,
        after: { ip: meta.ip ?? null },
        at: meta.now,
      });
      return s;
    },
    { isolation: 'serializable' },
  );
}

/** Signs out: ends this session, or with `everywhere` every session of its user, and audits it when the user is known. */
export async function endSignedInSessions(
  store: Store,
  token: string,
  opts: { everywhere?: boolean; userId?: number; now: number },
): Promise<void> {
  const { now } = opts;
  await transact(store, async (tx) => {
    if (opts.everywhere && opts.userId !== undefined) await revokeUserSessions(tx, opts.userId, now);
    else await revokeSession(tx, token, now);
    if (opts.userId !== undefined) {
      await audit(tx, {
        actor: `user:${opts.userId}`,
        action: opts.everywhere ? 'sign-out-everywhere' : 'sign-out',
        entity: 'session',
        entityId: opts.userId,
        at: now,
      });
    }
  });
}
