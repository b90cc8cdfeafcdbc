/** `npm run token:create -- --name NAME [--role viewer|analyst|admin] [--expires-days N]`: prints a new API token once. */
import './lib/cli-log';
import { parseArgs } from 'node:util';
import { createApiToken } from '@/db/services/tokens';
import { ROLES, type Role } from '@/lib/auth/roles';
import { cliDb, fail } from './lib/cli';
import { closeStore } from '@/db/store';

const USAGE = 'usage: npm run token:create -- --name NAME [--role viewer|analyst|admin] [--expires-days N]';

let values;
try {
  ({ values } = parseArgs({
    options: {
      name: { type: 'string' },
      role: { type: 'string', default: 'analyst' },
      'expires-days': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const name = values.name?.trim();
if (!name || name.length > 100) fail(`--name is required (1–100 characters)\n${USAGE}`);
if (!(ROLES as readonly string[]).includes(values.role)) fail(`--role must be viewer, analyst or admin\n${USAGE}`);
let expiresAt: number | null = null;
if (values['expires-days'] !== undefined) {
  const days = Number(values['expires-days']);
  if (!Number.isInteger(days) || days < 1 || days > 3650) fail(`--expires-days must be a whole number from 1 to 3650\n${USAGE}`);
  expiresAt = Date.now() + days * 86_400_000;
}

const db = await cliDb();
try {
  const { id, token } = await createApiToken(db, { name, role: values.role as Role, expiresAt });
  console.error(
    `Created token #${id} "${name}" (${values.role}${expiresAt ? `, expires ${new Date(expiresAt).toISOString()}` : ', no expiry'}). It is shown only once:`,
  );
  console.log(token);
} finally {
  await closeStore(db);
}
