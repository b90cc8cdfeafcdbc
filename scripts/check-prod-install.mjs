/**
 * Proves a production install runs with `node` alone: after `npm run build`, copies the built app
 * to a temporary folder, installs it there with `npm ci --omit=dev` (so no tsx, esbuild or
 * TypeScript), starts it with `npm start`, and checks that
 * - `npm start` did not rebuild (the stamp says the build is current),
 * - the CLI runs compiled (`npm run token:create` makes the token used below),
 * - the writer thread started from the compiled worker, and a POST /api/incidents went through it,
 * - every route under app/ (pages and API handlers, each exported method; found by walking app/
 *   as tests/e2e/auth-matrix.spec.ts does) answers without a 5xx, signed in as an admin.
 *
 * `node scripts/check-prod-install.mjs` (scripts/test.sh runs it after the build). PROD_CHECK_PORT
 * (default 3190) is the loopback port; PROD_CHECK_KEEP=1 keeps the folder for a look afterwards.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { buildState } from '../server/runtime/build-stamp.mjs';
import { appEndpoints } from './lib/app-endpoints.mjs';

const source = process.cwd();
const port = Number(process.env.PROD_CHECK_PORT ?? 3190);
const base = `http://127.0.0.1:${port}`;
const admin = { email: 'prod-check@example.test', password: 'prod-check-password-1' };
const started = performance.now();
const step = (what) => console.log(`[prod-install] ${what} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
const failures = [];

const state = buildState(source);
if (!state.current) {
  console.error(`[prod-install] the build is not current (${state.reason}): run \`npm run build\` first`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'fw-prod-install-'));
// What a deployment has: the checkout and its build, without dev tooling output or local data.
const SKIP = new Set(['node_modules', '.git', 'test-results', 'playwright-report', 'coverage', '.next/cache', 'bench/results', 'data']);
cpSync(source, dir, {
  recursive: true,
  filter: (from) => {
    const rel = relative(source, from).split(sep).join('/');
    return !SKIP.has(rel) && !/^\.next-/.test(rel) && !rel.endsWith('.tsbuildinfo');
  },
});
step(`copied the built app to ${dir}`);

let server = null;
try {
  // Scripts off: without a network better-sqlite3's install compiles its addon from source (~3
  // min here). The addon the checkout has is for the same version (one lockfile) and Node.
  run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error']);
  cpSync(join(source, 'node_modules/better-sqlite3/build'), join(dir, 'node_modules/better-sqlite3/build'), { recursive: true });
  for (const dev of ['tsx', 'esbuild', 'typescript']) check(!existsSync(join(dir, 'node_modules', dev)), `${dev} is not installed`);
  step('npm ci --omit=dev');

  const env = {
    ...process.env,
    PORT: String(port),
    DATABASE_PATH: join(dir, 'prod-check.db'),
    DEMO_DATA: 'true',
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  delete env.NEXT_DIST_DIR;
  // The database exists (migrated) before the server starts: the CLI makes it and the token.
  const token = run('npm', ['run', '--silent', 'token:create', '--', '--name', 'prod-check', '--role', 'admin'], env)
    .trim()
    .split('\n')
    .pop();
  check(token?.startsWith('fw_'), 'npm run token:create printed a token');

  let log = '';
  server = spawn('npm', ['start'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  server.stdout.on('data', (d) => (log += d));
  server.stderr.on('data', (d) => (log += d));
  await waitFor(
    async () => (await fetch(`${base}/api/health`)).ok,
    90_000,
    () => log,
    () => server.exitCode !== null,
  );
  step('npm start: the server answers');
  check(log.includes('The build is current'), '`npm start` skipped the build');
  const writer = logLines(log).find((l) => l.component === 'writer' && /writer thread/.test(l.msg ?? ''));
  step(writer ? `writer: ${writer.msg} (${writer.loadedFrom})` : '(no writer log line)');
  check(
    writer?.msg === 'incident writes run on the writer thread' && writer.loadedFrom === 'compiled',
    'the writer thread runs the compiled worker',
  );
  check(!/no writer thread|writer thread stopped/.test(log), 'the writer thread did not fail');

  const cookie = await signIn();
  const incident = await fetch(`${base}/api/incidents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      sourceId: `prod-check-${Date.now()}`,
      occurredAt: '2024-12-10',
      country: 'PK',
      admin1: 'Khyber Pakhtunkhwa',
      location: 'Bannu',
      lat: 32.985,
      lon: 70.604,
      eventType: 'Explosions/Remote violence',
      subEventType: 'Remote explosive/landmine/IED',
      group: 'TTP',
      killed: 1,
    }),
  });
  check(incident.status === 201, `POST /api/incidents answers 201 (got ${incident.status}: ${(await incident.text()).slice(0, 200)})`);
  await new Promise((r) => setTimeout(r, 200));
  check(!logLines(log).some((l) => l.component === 'writer' && l.level >= 50), 'the write went through the writer thread');

  const endpoints = discover(join(dir, 'app'));
  for (const e of endpoints) {
    const status = await request(e, e.kind === 'page' ? { cookie } : { authorization: `Bearer ${token}` });
    if (status >= 500) failures.push(`${e.method} ${e.path} answered ${status}`);
  }
  step(`${endpoints.length} routes requested`);
  if (failures.length) console.error(log.slice(-4000));
} catch (err) {
  failures.push(String(err?.stack ?? err));
} finally {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone: nothing to stop
    }
    if (server.exitCode === null && server.signalCode === null) await new Promise((r) => server.once('exit', r));
  }
  step('the server stopped');
  if (process.env.PROD_CHECK_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
}

if (failures.length) {
  for (const f of failures) console.error(`[prod-install] FAIL ${f}`);
  process.exit(1);
}
step('passed');

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: dir, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function check(ok, what) {
  if (!ok) failures.push(what);
}

/** The server's JSON log lines (pino); other lines (npm's, the one line for people) are skipped. */
function logLines(text) {
  return text.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line)];
    } catch {
      return [];
    }
  });
}

async function waitFor(probe, ms, context, gone) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      // not listening yet: try again below
    }
    if (gone()) throw new Error(`the server exited; its output:\n${context().slice(-4000)}`);
    if (Date.now() > until) throw new Error(`timed out; server output:\n${context().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function signIn() {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify(admin),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`sign-in answered ${res.status}`);
  return cookie;
}

/** Every page (GET) and every method each route handler exports, with sample values for [segments]. */
function discover(appDir) {
  const out = appEndpoints(appDir, (s) => (s === '[week]' ? '2024-W50' : '1'));
  // Reads first; deletes and sign-out last, as they may remove the session or token the rest uses.
  const order = (e) => (e.path === '/api/auth/sign-out' ? 3 : e.method === 'DELETE' ? 2 : e.method === 'GET' ? 0 : 1);
  return out.sort((a, b) => order(a) - order(b) || `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** The status of one request; bodies are `{}` (a 4xx is fine: only a 5xx fails the check). */
async function request(e, auth) {
  const headers = { ...auth };
  let body;
  if (e.method !== 'GET') {
    Object.assign(headers, { 'content-type': 'application/json', origin: base, 'sec-fetch-site': 'same-origin' });
    body = '{}';
  }
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), 30_000);
  try {
    const res = await fetch(base + e.path, { method: e.method, headers, body, redirect: 'manual', signal: ac.signal });
    // Event streams never end: the status is enough.
    if (!res.headers.get('content-type')?.includes('event-stream')) await res.arrayBuffer();
    return res.status;
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
}
