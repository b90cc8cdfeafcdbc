/**
 * Validates configuration, migrates, seeds demo data into an empty database (unless
 * DEMO_DATA=false), then runs the built Next.js server (scripts/server.mjs) in the foreground.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cliDb, cliEnv, fail } from './lib/cli';
import { seedIfEmpty } from './lib/seed';
import { ensureFirstAdmin } from '@/server/auth/bootstrap';

const e = cliEnv();
const distDir = process.env.NEXT_DIST_DIR || '.next';
if (!existsSync(`${distDir}/BUILD_ID`)) fail('no production build found: run `npm run build` first (npm start does both).');
const db = cliDb(e);
const seeded = e.DEMO_DATA ? seedIfEmpty(db) : 0;
if (seeded) console.log(`Seeded ${seeded} synthetic demo incidents.`);
const admin = await ensureFirstAdmin(db, e);
if (admin.created && admin.generatedPassword) {
  console.log(`Created demo admin ${admin.email} with password ${admin.generatedPassword} (shown once; set ADMIN_EMAIL/ADMIN_PASSWORD to choose).`);
} else if (admin.created) console.log(`Created first admin ${admin.email} from ADMIN_EMAIL.`);
db.$client.close();

// Next.js with the direct routes in front (scripts/server.mjs), in its own process without tsx.
const child = spawn(process.execPath, ['scripts/server.mjs'], {
  stdio: 'inherit',
  env: { ...process.env, PORT: String(e.PORT), HOST: process.env.HOST ?? '127.0.0.1', NEXT_TELEMETRY_DISABLED: '1' },
});
// The server drains in-flight requests before exiting; never wait on it forever.
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    child.kill(sig);
    setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
