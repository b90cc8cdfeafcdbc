import 'server-only';
import type { Store } from '@/db/store';
import { endSignedInSessions, openSignedInSession, type NewSession } from '@/db/services/sessions';
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
export async function signIn(
  db: Store,
  email: string,
  password: string,
  meta: SignInMeta = {},
): Promise<(NewSession & { userId: number }) | null> {
  const found = await findUserForSignIn(db, email.trim().toLowerCase());
  if (!found) {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(found.passwordHash, password))) return null;
  const user = await getUser(db, found.id);
  if (!user || user.disabledAt !== null) return null;
  const now = meta.now ?? Date.now();
  // Null when the account was disabled since the check above (another request or instance).
  const session = await openSignedInSession(db, user.id, { ...meta, now });
  if (!session) return null;
  await markSignedIn(db, user.id, now);
  return { ...session, userId: user.id };
}

/** Ends this session, or with `everywhere` every session of its user. */
export async function signOut(db: Store, token: string, opts: { everywhere?: boolean; userId?: number; now?: number } = {}): Promise<void> {
  await endSignedInSessions(db, token, { ...opts, now: opts.now ?? Date.now() });
}
