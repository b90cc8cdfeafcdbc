/**
 * Creates an account and prints its generated password once:
 *   npm run user:create -- --email analyst@example.org --role analyst [--name "A. Analyst"]
 */
import './lib/cli-log';
import { parseArgs } from 'node:util';
import { createUser } from '@/db/services/users';
import { AppError } from '@/lib/errors';
import { ROLES, type Role } from '@/lib/auth/roles';
import { cliDb, fail } from './lib/cli';
import { closeStore } from '@/db/store';

const { values } = parseArgs({
  options: { email: { type: 'string' }, role: { type: 'string', default: 'viewer' }, name: { type: 'string' } },
  strict: true,
});
if (!values.email) fail('--email is required (e.g. --email you@example.org --role admin)');
if (!(ROLES as readonly string[]).includes(values.role ?? '')) fail(`--role must be one of ${ROLES.join(', ')}`);

const db = await cliDb();
try {
  const { user, password } = await createUser(db, { email: values.email, role: values.role as Role, name: values.name }, 'cli:user-create');
  console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
  console.log(`Password (shown once, store it now): ${password}`);
} catch (err) {
  if (err instanceof AppError) fail(err.message);
  if (err instanceof Error && err.name === 'ZodError') fail(`invalid input: ${err.message}`);
  throw err;
} finally {
  await closeStore(db);
}
