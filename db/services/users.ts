import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { sqlOf, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { users } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { generatePassword, hashPassword } from '@/db/password';
import type { Role } from '@/lib/auth/roles';
import { newUserSchema, type NewUserInput } from '@/lib/auth/user-input';
import { recordAudit, type Tx } from './audit';
import { revokeUserSessions } from './sessions';

export interface UserView {
  id: number;
  email: string;
  name: string;
  role: Role;
  createdAt: number;
  disabledAt: number | null;
  lastSignInAt: number | null;
}

const VIEW = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  createdAt: users.createdAt,
  disabledAt: users.disabledAt,
  lastSignInAt: users.lastSignInAt,
};

export function countUsers(store: Store): number {
  const db = sqlOf(store);
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

export function listUsers(store: Store): UserView[] {
  const db = sqlOf(store);
  return db.select(VIEW).from(users).orderBy(asc(users.email)).all();
}

export function getUser(store: Store, id: number): UserView | null {
  const db = sqlOf(store);
  return db.select(VIEW).from(users).where(eq(users.id, id)).get() ?? null;
}

export function findUserForSignIn(store: Store, email: string): { id: number; passwordHash: string } | null {
  const db = sqlOf(store);
  return db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, email)).get() ?? null;
}

export function countActiveAdmins(db: Db | Tx): number {
  return (
    db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
      .get()?.n ?? 0
  );
}

/**
 * Creates an account. Without a password one is generated and returned once (the CLI prints it).
 * 409 when the email is taken.
 */
export async function createUser(
  store: Store,
  input: NewUserInput,
  actor: string,
  now = Date.now(),
): Promise<{ user: UserView; password: string }> {
  const db = sqlOf(store);
  const data = newUserSchema.parse(input);
  const password = data.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const user = db.transaction(
    (tx) => {
      if (tx.select({ id: users.id }).from(users).where(eq(users.email, data.email)).get()) {
        throw new AppError('conflict', 'An account with this email already exists.');
      }
      const row = tx
        .insert(users)
        .values({
          email: data.email,
          name: data.name || data.email.split('@')[0],
          role: data.role,
          passwordHash,
          createdAt: now,
          updatedAt: now,
        })
        .returning(VIEW)
        .get();
      recordAudit(tx, { actor, action: 'create', entity: 'user', entityId: row.id, after: row, at: now });
      return row;
    },
    { behavior: 'immediate' },
  );
  return { user, password };
}

/** Changes role or disables/enables; any change ends the user's sessions so it applies at once. */
export function updateUser(
  store: Store,
  id: number,
  change: { role?: Role; disabled?: boolean },
  actor: string,
  now = Date.now(),
): UserView {
  const db = sqlOf(store);
  return db.transaction(
    (tx) => {
      const before = tx.select(VIEW).from(users).where(eq(users.id, id)).get();
      if (!before) throw new AppError('not_found', 'No such user.');
      const set: Partial<typeof users.$inferInsert> = { updatedAt: now };
      if (change.role) set.role = change.role;
      if (change.disabled !== undefined) set.disabledAt = change.disabled ? (before.disabledAt ?? now) : null;
      const after = tx.update(users).set(set).where(eq(users.id, id)).returning(VIEW).get();
      if (countActiveAdmins(tx) === 0) throw new AppError('conflict', 'At least one active admin must remain.');
      if (after.role !== before.role || after.disabledAt !== before.disabledAt) revokeUserSessions(tx, id, now);
      const action = change.disabled === true ? 'disable' : change.disabled === false ? 'enable' : 'change-role';
      recordAudit(tx, { actor, action, entity: 'user', entityId: id, before, after, at: now });
      return after;
    },
    { behavior: 'immediate' },
  );
}

export function markSignedIn(store: Store, id: number, now = Date.now()): void {
  const db = sqlOf(store);
  db.update(users).set({ lastSignInAt: now }).where(eq(users.id, id)).run();
}
