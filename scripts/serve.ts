/**
 * Validates configuration, migrates, seeds demo data (incidents, and the synthetic news feed's
 * reports for /triage) into an empty database (unless DEMO_DATA=false), then runs the built Next.js server (scripts/server.mjs) in the foreground.
 * Logs are JSON lines on stdout (server/log.mjs); the one line for people is printed when the
 * server listens: its URL and, when a demo admin was just created, that admin's password.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cliDb, cliEnv, fail } from './lib/cli';
import { closeStore } from '@/db/store';
import { seedIfEmpty } from '@/db/services/demo-seed';
import { seedDemoReports } from '@/server/intake/demo-reports';
import { ensureFirstAdmin } from '@/server/auth/bootstrap';
import { log } from '@/server/log.mjs';

const e = cliEnv();
const distDir = process.env.NEXT_DIST_DIR || '.next';
if (!existsSync(`${distDir}/BUILD_ID`)) fail('no production build found: run `npm run build` first (npm start does both).');
const db = await cliDb(e);
const seeded = e.DEMO_DATA ? await seedIfEmpty(db) : 0;
if (seeded) log.info({ incidents: seeded }, 'seeded synthetic demo incidents');
// The demo's synthetic news feed goes with the demo incidents: only into a database seeded just
// now, never into one that already holds data (an upgraded demo database gets it from `npm run seed`).
if (seeded) {
  const reports = await seedDemoReports(db, { now: Date.now(), timeZone: e.REPORT_TIME_ZONE });
  log.info({ reports: reports.created }, 'seeded synthetic demo reports');
}
const admin = await ensureFirstAdmin(db, e);
if (admin.created && !admin.generatedPassword) log.info({ email: admin.email }, 'created the first admin from ADMIN_EMAIL');
await closeStore(db);

/** The line for people; the password is never logged, only printed here, once. */
function readyLine(url: string | null): string {
  const where = url ? `Frontier Watch is ready on ${url}` : 'Frontier Watch did not start';
  if (!admin.created || !admin.generatedPassword) return where;
  return `${where}. Created demo admin ${admin.email} with password ${admin.generatedPassword} (shown once; set ADMIN_EMAIL/ADMIN_PASSWORD to choose).`;
}

// Next.js with the direct routes in front (scripts/server.mjs), in its own process without tsx;
// it reports `ready` over the IPC channel once it listens.
const child = spawn(process.execPath, ['scripts/server.mjs'], {
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  env: {
    ...process.env,
    PORT: String(e.PORT),
    HOST: process.env.HOST ?? '127.0.0.1',
    NEXT_TELEMETRY_DISABLED: '1',
    FRONTIER_WATCH_READY_IPC: '1',
  },
});
let announced = false;
child.on('message', (m: { type?: string; url?: string }) => {
  if (m?.type !== 'ready' || announced) return;
  announced = true;
  process.stdout.write(`${readyLine(String(m.url))}\n`);
});
// The server drains in-flight requests before exiting; never wait on it forever.
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    child.kill(sig);
    setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
  });
}
child.on('exit', (code, signal) => {
  // A generated password shown nowhere would lock the demo admin out: print it even on failure.
  if (!announced && admin.created && admin.generatedPassword) process.stdout.write(`${readyLine(null)}\n`);
  process.exit(code ?? (signal ? 0 : 1));
});
