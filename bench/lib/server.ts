import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';

export const DIST_DIR = '.next-bench';

function head(): string {
  const r = spawnSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).stdout.trim();
  return `${r.stdout.trim()}${dirty ? '+dirty' : ''}`;
}

/** Production build into .next-bench; skipped when the stamp says this commit was built already. */
export function ensureBuild(mode: 'auto' | 'always' | 'never', log: (s: string) => void): void {
  const stamp = `${DIST_DIR}/bench-built-from`;
  const want = head();
  if (
    mode === 'never' ||
    (mode === 'auto' &&
      !want.endsWith('+dirty') &&
      existsSync(`${DIST_DIR}/BUILD_ID`) &&
      existsSync(stamp) &&
      readFileSync(stamp, 'utf8') === want)
  ) {
    if (!existsSync(`${DIST_DIR}/BUILD_ID`)) throw new Error(`no build in ${DIST_DIR}: run with --build auto`);
    return;
  }
  log(`building ${want} into ${DIST_DIR}…`);
  const r = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`next build failed:\n${(r.stdout + r.stderr).slice(-4000)}`);
  writeFileSync(stamp, want);
}

/** True when something accepts connections on 127.0.0.1:port. */
function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

export interface Server {
  baseUrl: string;
  /** The server's process group (the launcher and the Node process serving). */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts scripts/serve.ts (the product's production entry) on loopback and waits for /api/health. */
/** `dbPath`: the SQLite file; or `databaseUrl`: the PostgreSQL database (DATABASE_PATH is then left as it is). */
export async function startServer(opts: { port: number; dbPath?: string; databaseUrl?: string }): Promise<Server> {
  // A server left on the port by an earlier run would answer /api/health for ours, with its own data.
  // The previous scenario's server may still be closing: give it a few seconds to go.
  for (let i = 0; i < 40 && (await portAnswers(opts.port)); i++) await new Promise((r) => setTimeout(r, 250));
  if (await portAnswers(opts.port)) {
    throw new Error(`port ${opts.port} is already in use on 127.0.0.1 (a server left by an earlier run?): stop it or pass another --port`);
  }
  const child: ChildProcess = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/serve.ts'], {
    env: {
      ...process.env,
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      ...(opts.dbPath ? { DATABASE_PATH: opts.dbPath } : {}),
      DEMO_DATA: 'false',
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
      // The ingest scenario is a feed from one token (2,000 posts in seconds): configured as such.
      WRITE_RATE_LIMIT_PER_MINUTE: '1000000',
      // PostgreSQL bench: the instance serves this database instead of the file.
      ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    },
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 120_000;
  let health = 'no answer';
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr}`);
    if (Date.now() > deadline) {
      // Not left running on the port (a later scenario or bench would find it there).
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      throw new Error(`server did not become healthy (${health}): ${stderr}`);
    }
    try {
      const r = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
      health = `/api/health → ${r.status}`;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode !== null || child.pid === undefined) return;
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    },
  };
}
