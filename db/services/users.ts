import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { Store } from '@/db/store';
import { builder, transact } from '@/db/engine';
import { users } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { generatePassword, hashPassword } from '@/db/password';
import type { Role } from '@/lib/auth/roles';
import { newUserSchema, type NewUserInput } from '@/lib/auth/user-input';
import { audit } from './audit';
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

export async function countUsers(store: Store): Promise<number> {
  const [row] = await builder(store).select({ n: count() }).from(users);
  return Number(row?.n ?? 0);
}

export async function listUsers(store: Store): Promise<UserView[]> {
  // By email: byte order on SQLite, the database's collation on PostgreSQL (the same for ASCII under C).
  return builder(store).select(VIEW).from(users).orderBy(asc(users.email));
}

export async function getUser(store: Store, id: number): Promise<UserView | null> {
  const [row] = await builder(store).select(VIEW).from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function findUserForSignIn(store: Store, email: string): Promise<{ id: number; passwordHash: string } | null> {
  const [row] = await builder(store).select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, email));
  return row ?? null;
}

export async function countActiveAdmins(store: Store): Promise<number> {
  const [row] = await builder(store)
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)));
  return Number(row?.n ?? 0);
}

/**
 * Creates an account. Without a password one is generated and returned once (the CLI prints it).
 * 409 when the email is taken: the insert skips a taken email (ON CONFLICT DO NOTHING on the
 * unique email), so of two concurrent creations, also on two instances, exactly one succeeds.
 */
export async function createUser(
  store: Store,
  input: NewUserInput,
  actor: string,
  now = Date.now(),
): Promise<{ user: UserView; password: string }> {
  const data = newUserSchema.parse(input);
  const password = data.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const user = await transact(store, async (tx) => {
    const [row] = await builder(tx)
      .insert(users)
      .values({
        email: data.email,
        name: data.name || data.email.split('@')[0],
        role: data.role,
        passwordHash,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: users.email })
      .returning(VIEW);
    if (!row) throw new AppError('conflict', 'An account with this email already exists.');
    await audit(tx, { actor, action: 'create', entity: 'user', entityId: row.id, after: row, at: now });
    return row;
  });
  return { user, password };
}

/**
 * Changes role or disables/enables; any change ends the user's sessions so it applies at once.
 * 409 when no active admin would remain. That check reads other rows than the one written, so on
 * PostgreSQL it runs SERIALIZABLE: two admins demoting each other at once cannot both commit (the
 * loser is run again, sees the other's change and gets the 409), as SQLite's single writer ensures.
 */
export async function updateUser(
  store: Store,
  id: number,
  change: { role?: Role; disabled?: boolean },
  actor: string,
  now = Date.now(),
): Promise<UserView> {
  return transact(
    store,
    async (tx) => {
      const db = builder(tx);
      const [before] = await db.select(VIEW).from(users).where(eq(users.id, id));
      if (!before) throw new AppError('not_found', 'No such user.');
      const set: Partial<typeof users.$inferInsert> = { updatedAt: now };
      if (change.role) set.role = change.role;
      if (change.disabled !== undefined) set.disabledAt = change.disabled ? (before.disabledAt ?? now) : null;
      const [after] = await db.update(users).set(set).where(eq(users.id, id)).returning(VIEW);
      if ((await countActiveAdmins(tx)) === 0) throw new AppError('conflict', 'At least one active admin must remain.');
      if (after.role !== before.role || after.disabledAt !== before.disabledAt) await revokeUserSessions(tx, id, now);
      const action = change.disabled === true ? 'disable' : change.disabled === false ? 'enable' : 'change-role';
      await audit(tx, { actor, action, entity: 'user', entityId: id, before, after, at: now });
      return after;
    },
    { isolation: 'serializable' },
  );
}

export async function markSignedIn(store: Store, id: number, now = Date.now()): Promise<void> {
  await builder(store).update(users).set({ lastSignInAt: now }).where(eq(users.id, id));
}
