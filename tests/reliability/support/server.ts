import { spawn, type ChildProcess } from 'node:child_process';
import { DIST_DIR } from './config';

export interface ServerOptions {
  port: number;
  dbPath: string;
  /** 'server': the server process itself, scripts/server.mjs (what kill -9 must hit); 'serve': scripts/serve.ts, as deployed. */
  mode?: 'server' | 'serve';
  env?: Record<string, string>;
}

/** A real production server on loopback, started on a given database file. */
export class RelServer {
  readonly url: string;
  readonly proc: ChildProcess;
  private output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(readonly opts: ServerOptions) {
    this.url = `http://127.0.0.1:${opts.port}`;
    const args = opts.mode === 'serve' ? ['--import', 'tsx', 'scripts/serve.ts'] : ['scripts/server.mjs'];
    this.proc = spawn(process.execPath, args, {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_DIST_DIR: DIST_DIR,
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_PATH: opts.dbPath,
        DEMO_DATA: 'false',
        PORT: String(opts.port),
        HOST: '127.0.0.1',
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a kill reaches scripts/server.mjs under scripts/serve.ts too.
      detached: true,
    });
    const keep = (b: Buffer) => {
      this.output = (this.output + b.toString()).slice(-200_000);
    };
    this.proc.stdout!.on('data', keep);
    this.proc.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => this.proc.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static async start(opts: ServerOptions): Promise<RelServer> {
    const s = new RelServer(opts);
    await s.waitHealthy();
    return s;
  }

  get log(): string {
    return this.output;
  }

  async waitHealthy(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (Date.now() < deadline) {
      if (exited) throw new Error(`server on ${this.url} exited during start-up:\n${this.output.slice(-3000)}`);
      try {
        const r = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (r.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`server on ${this.url} not healthy after ${timeoutMs} ms:\n${this.output.slice(-3000)}`);
  }

  /** Sends a signal and waits for the process to go (SIGKILL after `timeoutMs`). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000) {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return this.exited;
    this.signalGroup(signal === 'SIGKILL', signal);
    const timer = setTimeout(() => this.signalGroup(true, 'SIGKILL'), timeoutMs);
    const result = await this.exited;
    clearTimeout(timer);
    return result;
  }

  private signalGroup(group: boolean, signal: NodeJS.Signals): void {
    try {
      process.kill(group ? -this.proc.pid! : this.proc.pid!, signal);
    } catch {
      // already gone
    }
  }

  /** Leaves nothing behind (test teardown): SIGKILL to the whole group. */
  dispose(): void {
    this.signalGroup(true, 'SIGKILL');
  }

  kill9() {
    return this.stop('SIGKILL');
  }
}
