import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { sqlOf, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { sessions, users } from '@/db/schema';
import type { Role } from '@/lib/auth/roles';
import { recordAudit, type Tx } from './audit';

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

export function createSession(
  db: Db | Tx,
  userId: number,
  meta: { userAgent?: string | null; ip?: string | null; now?: number } = {},
): NewSession {
  const token = randomBytes(32).toString('base64url');
  const now = meta.now ?? Date.now();
  const expiresAt = now + SESSION_IDLE_MS;
  const absoluteExpiresAt = now + SESSION_ABSOLUTE_MS;
  db.insert(sessions)
    .values({
      tokenHash: hashSessionId(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      absoluteExpiresAt,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip?.slice(0, 100) ?? null,
    })
    .run();
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

/** The live session for a cookie value, sliding its expiry; null if unknown, expired, revoked or the user is disabled. */
export function verifySession(store: Store, token: string, now = Date.now()): SessionUser | null {
  const db = sqlOf(store);
  if (!token || token.length > 100) return null;
  const row = db
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
        eq(sessions.tokenHash, hashSessionId(token)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        gt(sessions.absoluteExpiresAt, now),
        isNull(users.disabledAt),
      ),
    )
    .get();
  if (!row) return null;
  let expiresAt = row.expiresAt;
  if (now - row.lastSeenAt >= TOUCH_EVERY_MS) {
    expiresAt = Math.min(now + SESSION_IDLE_MS, row.absoluteExpiresAt);
    db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, row.sessionId)).run();
  }
  return { sessionId: row.sessionId, userId: row.userId, email: row.email, name: row.name, role: row.role, expiresAt };
}

/** Ends the session behind one cookie value (sign out). */
export function revokeSession(db: Db | Tx, token: string, now = Date.now()): boolean {
  return (
    db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.tokenHash, hashSessionId(token)), isNull(sessions.revokedAt)))
      .run().changes > 0
  );
}

/** Ends every session of a user (sign out everywhere, role change, disable). Returns how many ended. */
export function revokeUserSessions(db: Db | Tx, userId: number, now = Date.now()): number {
  return db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .run().changes;
}

/** Opens a session for a user whose password was just checked, and audits the sign-in, in one immediate transaction. */
export function openSignedInSession(
  store: Store,
  userId: number,
  meta: { ip?: string | null; userAgent?: string | null; now: number },
): NewSession {
  return sqlOf(store).transaction(
    (tx) => {
      const s = createSession(tx, userId, meta);
      recordAudit(tx, {
        actor: `user:${userId}`,
        action: 'sign-in',
        entity: 'session',
        entityId: userId,
        after: { ip: meta.ip ?? null },
        at: meta.now,
      });
      return s;
    },
    { behavior: 'immediate' },
  );
}

/** Signs out: ends this session, or with `everywhere` every session of its user, and audits it when the user is known. */
export function endSignedInSessions(store: Store, token: string, opts: { everywhere?: boolean; userId?: number; now: number }): void {
  const { now } = opts;
  sqlOf(store).transaction(
    (tx) => {
      if (opts.everywhere && opts.userId !== undefined) revokeUserSessions(tx, opts.userId, now);
      else revokeSession(tx, token, now);
      if (opts.userId !== undefined) {
        recordAudit(tx, {
          actor: `user:${opts.userId}`,
          action: opts.everywhere ? 'sign-out-everywhere' : 'sign-out',
          entity: 'session',
          entityId: opts.userId,
          at: now,
        });
      }
    },
    { behavior: 'immediate' },
  );
}
