/**
 * Validates configuration, migrates, seeds demo data into an empty database (unless
 * DEMO_DATA=false), then runs the built Next.js server in the foreground.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cliDb, cliEnv, fail } from './lib/cli';
import { seedIfEmpty } from './lib/seed';

const e = cliEnv();
const distDir = process.env.NEXT_DIST_DIR || '.next';
if (!existsSync(`${distDir}/BUILD_ID`)) fail('no production build found: run `npm run build` first (npm start does both).');
const db = cliDb(e);
const seeded = e.DEMO_DATA ? seedIfEmpty(db) : 0;
if (seeded) console.log(`Seeded ${seeded} synthetic demo incidents.`);
db.$client.close();

const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(e.PORT), '-H', process.env.HOST ?? '127.0.0.1'], {
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
