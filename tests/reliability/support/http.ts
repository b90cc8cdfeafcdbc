import http from 'node:http';

/** Status bookkeeping for a scenario: every response is counted; 5xx and transport errors are kept for the report. */
export class Tally {
  readonly byStatus = new Map<number, number>();
  readonly serverErrors: string[] = [];
  readonly transportErrors: string[] = [];
  requests = 0;

  record(what: string, status: number, body = ''): void {
    this.requests++;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    if (status >= 500) this.serverErrors.push(`${what} → ${status} ${body.slice(0, 300)}`);
    if (/SQLITE_BUSY|database is locked/i.test(body))
      this.serverErrors.push(`${what} → ${status} leaked SQLITE_BUSY: ${body.slice(0, 300)}`);
  }

  count(pred: (status: number) => boolean): number {
    let n = 0;
    for (const [s, c] of this.byStatus) if (pred(s)) n += c;
    return n;
  }

  summary(): string {
    return [...this.byStatus]
      .sort((a, b) => a[0] - b[0])
      .map(([s, c]) => `${s}×${c}`)
      .join(' ');
  }
}

export interface CallResult {
  status: number;
  text: string;
  json: unknown;
  headers: Headers;
}

export interface CallOptions {
  method?: string;
  token?: string | null;
  body?: BodyInit | null;
  contentType?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** One request with a bearer token and a hard timeout (a hang is a failure, reported as status 0). */
export async function call(base: string, path: string, opts: CallOptions = {}, tally?: Tally): Promise<CallResult> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.contentType) headers['content-type'] = opts.contentType;
  const what = `${opts.method ?? 'GET'} ${path.slice(0, 200)}`;
  try {
    const res = await fetch(base + path, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body ?? undefined,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON (CSV export, HTML)
    }
    tally?.record(what, res.status, text);
    return { status: res.status, text, json, headers: res.headers };
  } catch (err) {
    tally?.transportErrors.push(`${what}: ${(err as Error).message}`);
    return { status: 0, text: String(err), json: null, headers: new Headers() };
  }
}

export const postJson = (base: string, path: string, token: string, body: unknown, tally?: Tally, timeoutMs?: number) =>
  call(base, path, { method: 'POST', token, body: JSON.stringify(body), contentType: 'application/json', timeoutMs }, tally);

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return out;
}

/**
 * A POST whose body arrives in two halves `gapMs` apart: the request is certainly in flight on
 * the server (headers read, body pending) while the test does something in between.
 */
export function slowPost(
  base: string,
  path: string,
  token: string,
  body: string,
  gapMs: number,
  contentType = 'application/json',
): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const url = new URL(path, base);
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', (e) => resolve({ status: 0, text: e.message }));
      },
    );
    req.on('error', (e) => resolve({ status: 0, text: e.message }));
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    setTimeout(() => req.end(body.slice(half)), gapMs);
  });
}
