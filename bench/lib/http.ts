import http from 'node:http';
import { gunzipSync } from 'node:zlib';

export interface HttpResult {
  status: number;
  ms: number;
  /** Bytes on the wire (compressed when the server compressed). */
  wireBytes: number;
  body: string;
}

class StaleSocketError extends Error {}

/** Keep-alive loopback client with a bounded socket pool (the "N connections" of a scenario). */
export class HttpClient {
  private readonly agent: http.Agent;

  constructor(
    readonly baseUrl: string,
    readonly token: string,
    connections = 1,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  /** A keep-alive socket the server closed while idle fails once with ECONNRESET: resend on a fresh one. */
  async request(method: 'GET' | 'POST', path: string, body?: unknown, opts: { gzip?: boolean } = {}): Promise<HttpResult> {
    try {
      return await this.send(method, path, body, opts);
    } catch (err) {
      if (!(err instanceof StaleSocketError)) throw err;
      return this.send(method, path, body, opts);
    }
  }

  private send(method: 'GET' | 'POST', path: string, body: unknown, opts: { gzip?: boolean }): Promise<HttpResult> {
    const url = new URL(path, this.baseUrl);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (payload) headers['content-type'] = 'application/json';
    if (opts.gzip) headers['accept-encoding'] = 'gzip';
    return new Promise((resolve, reject) => {
      const t = performance.now();
      const req = http.request(url, { method, agent: this.agent, headers, timeout: 60_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - t;
          const raw = Buffer.concat(chunks);
          const text = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
          resolve({ status: res.statusCode ?? 0, ms, wireBytes: raw.length, body: text });
        });
        res.on('error', (err) => reject(new Error(`${method} ${path}: ${err.message}`)));
      });
      req.on('timeout', () => req.destroy(new Error(`timeout ${method} ${path}`)));
      req.on('error', (err: NodeJS.ErrnoException) =>
        reject(req.reusedSocket && err.code === 'ECONNRESET' ? new StaleSocketError() : new Error(`${method} ${path}: ${err.message}`)),
      );
      if (payload) req.write(payload);
      req.end();
    });
  }

  async json<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const r = await this.request(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status}: ${r.body.slice(0, 300)}`);
    return JSON.parse(r.body) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `total` tasks with at most `concurrency` in flight; returns wall ms and per-task results. */
export async function pooled<T>(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<{ wallMs: number; results: T[] }> {
  const results = new Array<T>(total);
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return { wallMs: performance.now() - t, results };
}
