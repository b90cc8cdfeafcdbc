import type { Store } from '@/db/store';
import { countUsers, createUser } from '@/db/services/users';

export const DEMO_ADMIN_EMAIL = 'admin@frontier-watch.local';

export type BootstrapResult = { created: false } | { created: true; email: string; generatedPassword?: string };

/**
 * First admin when the database has no user: from ADMIN_EMAIL/ADMIN_PASSWORD, or, for the demo
 * (DEMO_DATA on, no ADMIN_*), with a generated password the caller prints once. Never a fixed default.
 */
export async function ensureFirstAdmin(
  db: Store,
  e: { ADMIN_EMAIL?: string; ADMIN_PASSWORD?: string; DEMO_DATA: boolean },
): Promise<BootstrapResult> {
  if ((await countUsers(db)) > 0) return { created: false };
  if (e.ADMIN_EMAIL && e.ADMIN_PASSWORD) {
    const { user } = await createUser(db, { email: e.ADMIN_EMAIL, role: 'admin', password: e.ADMIN_PASSWORD }, 'system:bootstrap');
    return { created: true, email: user.email };
  }
  if (!e.DEMO_DATA) return { created: false };
  const { user, password } = await createUser(
    db,
    { email: e.ADMIN_EMAIL ?? DEMO_ADMIN_EMAIL, role: 'admin', name: 'Demo admin' },
    'system:bootstrap',
  );
  return { created: true, email: user.email, generatedPassword: password };
}
