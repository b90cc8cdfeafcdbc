import 'server-only';
import type { Db } from '@/db/connection';
import { recordAudit } from '@/db/services/audit';
import { createSession, revokeSession, revokeUserSessions, type NewSession } from '@/db/services/sessions';
import { findUserForSignIn, getUser, markSignedIn } from '@/db/services/users';
import { burnPasswordCheck, verifyPassword } from '@/db/password';

/** One message for every failure, so the form never tells whether an email has an account. */
export const SIGN_IN_FAILED = 'Email or password is incorrect, or the account is disabled.';

export interface SignInMeta {
  ip?: string | null;
  userAgent?: string | null;
  now?: number;
}

/** Checks credentials and opens a session; null on any failure (unknown email, wrong password, disabled). */
export async function signIn(db: Db, email: string, password: string, meta: SignInMeta = {}): Promise<(NewSession & { userId: number }) | null> {
  const found = findUserForSignIn(db, email.trim().toLowerCase());
  if (!found) {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(found.passwordHash, password))) return null;
  const user = getUser(db, found.id);
  if (!user || user.disabledAt !== null) return null;
  const now = meta.now ?? Date.now();
  const session = db.transaction(
    (tx) => {
      const s = createSession(tx, user.id, { ...meta, now });
      recordAudit(tx, { actor: `user:${user.id}`, action: 'sign-in', entity: 'session', entityId: user.id, after: { ip: meta.ip ?? null }, at: now });
      return s;
    },
    { behavior: 'immediate' },
  );
  markSignedIn(db, user.id, now);
  return { ...session, userId: user.id };
}

/** Ends this session, or with `everywhere` every session of its user. */
export function signOut(db: Db, token: string, opts: { everywhere?: boolean; userId?: number; now?: number } = {}): void {
  const now = opts.now ?? Date.now();
  db.transaction(
    (tx) => {
      if (opts.everywhere && opts.userId !== undefined) revokeUserSessions(tx, opts.userId, now);
      else revokeSession(tx, token, now);
      if (opts.userId !== undefined) {
        recordAudit(tx, { actor: `user:${opts.userId}`, action: opts.everywhere ? 'sign-out-everywhere' : 'sign-out', entity: 'session', entityId: opts.userId, at: now });
      }
    },
    { behavior: 'immediate' },
  );
}
