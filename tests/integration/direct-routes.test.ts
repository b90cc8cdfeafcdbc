import { createServer, get, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsGzip, directDispatch, GZIP_MIN_BYTES } from '@/server/http/direct-routes';
import { securityHeaders } from '@/server/security/headers';
import { resetEnvCache } from '@/lib/env';

// A real HTTP server on loopback with the dispatcher in front of a stand-in for Next.js, as
// scripts/server.mjs runs it.
let server: Server;
let base: string;
const seen: { method: string; url: string; headers: Headers; body: string }[] = [];

beforeAll(async () => {
  const dispatch = directDispatch({
    'POST /api/echo': async (req) => {
      const body = await req.text();
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      const res = Response.json({ got: body }, { status: 201, headers: { location: '/api/echo/1' } });
      res.headers.append('set-cookie', 'a=1; Path=/');
      res.headers.append('set-cookie', 'b=2; Path=/');
      return res;
    },
    // Answers without reading the body: the connection must stay usable for the next request.
    // Reads a little, then gives up (as readBodyText does past its size limit: 413).
    'POST /api/limit': async (req) => {
      const reader = req.body!.getReader();
      await reader.read();
      await reader.cancel();
      return Response.json({ error: { code: 'payload_too_large' } }, { status: 413 });
    },
    'POST /api/refuse': () =>
      Promise.resolve(Response.json({ error: { code: 'unauthorized' } }, { status: 401, headers: { 'www-authenticate': 'Bearer' } })),
    // ?n= characters of JSON; ?type= another content type; ?encoded=1 an answer the handler encoded itself.
    'GET /api/sized': (req) => {
      const q = new URL(req.url).searchParams;
      const text = JSON.stringify({ pad: 'x'.repeat(Math.max(0, Number(q.get('n')) - 10)) });
      const headers: Record<string, string> = { 'content-type': q.get('type') ?? 'application/json', 'cache-control': 'no-store' };
      if (q.get('encoded')) headers['content-encoding'] = 'br';
      return Promise.resolve(new Response(text, { headers }));
    },
  });
  server = createServer((req, res) => {
    if (dispatch(req, res)) return;
    res.writeHead(404, { 'x-served-by': 'next' }).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('direct routes (scripts/server.mjs in front of Next.js)', () => {
  it('serves exactly its method and path (any query); everything else goes on to Next.js', async () => {
    const direct = await fetch(`${base}/api/echo?x=1`, { method: 'POST', body: 'hi' });
    expect(direct.status).toBe(201);
    for (const [method, path] of [
      ['GET', '/api/echo'],
      ['POST', '/api/echo/'],
      ['POST', '/api/ech'],
      ['PUT', '/api/echo'],
    ]) {
      const r = await fetch(`${base}${path}`, { method, body: method === 'GET' ? undefined : 'x' });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.headers.get('x-served-by')).toBe('next');
    }
  });

  it('hands the handler the request as Next.js would: method, URL, every header, the streamed body', async () => {
    seen.length = 0;
    const body = 'é'.repeat(300_000); // several chunks
    const r = await fetch(`${base}/api/echo?q=a%20b`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-multi': 'one', authorization: 'Bearer t' },
    });
    expect(r.status).toBe(201);
    expect(((await r.json()) as { got: string }).got).toBe(body);
    const [got] = seen;
    expect(got.method).toBe('POST');
    expect(new URL(got.url).pathname + new URL(got.url).search).toBe('/api/echo?q=a%20b');
    expect(got.headers.get('authorization')).toBe('Bearer t');
    expect(got.headers.get('x-multi')).toBe('one');
    expect(got.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it("sends the handler's status, headers and cookies with the API security headers; HSTS only behind https", async () => {
    const r = await fetch(`${base}/api/echo`, { method: 'POST', body: 'x' });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe('/api/echo/1');
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(Number(r.headers.get('content-length'))).toBe((await r.arrayBuffer()).byteLength);
    for (const [k, v] of Object.entries(securityHeaders(false))) expect(r.headers.get(k), k).toBe(v);
    expect(r.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
    expect(r.headers.get('strict-transport-security')).toBeNull();
    // A client's own X-Forwarded-Proto is not believed; a trusted proxy's (TRUST_PROXY) is.
    const claimed = await fetch(`${base}/api/echo`, { method: 'POST', body: 'x', headers: { 'x-forwarded-proto': 'https' } });
    expect(claimed.headers.get('strict-transport-security')).toBeNull();
    process.env.TRUST_PROXY = 'true';
    resetEnvCache();
    try {
      const tls = await fetch(`${base}/api/echo`, { method: 'POST', body: 'x', headers: { 'x-forwarded-proto': 'https' } });
      expect(tls.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
      const plain = await fetch(`${base}/api/echo`, { method: 'POST', body: 'x', headers: { 'x-forwarded-proto': 'http, https' } });
      expect(plain.headers.get('strict-transport-security')).toBeNull();
    } finally {
      delete process.env.TRUST_PROXY;
      resetEnvCache();
    }
  });

  // A handler that answers without reading the whole body (401 before reading; 413 after reading a
  // little and cancelling): the response must still arrive and the connection serve the next request.
  for (const [path, status, size] of [
    ['/api/refuse', 401, 200_000],
    ['/api/limit', 413, 500_000],
  ] as const) {
    it(`keeps a keep-alive connection usable after ${path} answers ${status} without reading the body`, async () => {
      const replies = await rawExchange([
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: ${size}\r\n\r\n${'a'.repeat(size)}`,
        'POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok',
      ]);
      expect(replies).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(replies).toMatch(/HTTP\/1\.1 201 [\s\S]*\{"got":"ok"\}$/);
    });
  }

  it('gzips JSON and text of 1 KB or more for clients that accept gzip, as Next.js does', async () => {
    const big = await rawGet('/api/sized?n=5000', 'gzip, deflate, br');
    expect(big.headers['content-encoding']).toBe('gzip');
    expect(big.headers.vary).toBe('Accept-Encoding');
    expect(Number(big.headers['content-length'])).toBe(big.body.length);
    expect(big.body.length).toBeLessThan(500);
    expect(JSON.parse(gunzipSync(big.body).toString('utf8')).pad).toHaveLength(4990);
    expect(big.headers['cache-control']).toBe('no-store');
    expect(big.headers['x-content-type-options']).toBe('nosniff');
    // Not accepted (absent, refused with q=0, other codings only): identity, still varying on it.
    for (const accept of [undefined, 'gzip;q=0', 'br', 'identity, *;q=0']) {
      const r = await rawGet('/api/sized?n=5000', accept);
      expect(r.headers['content-encoding'], String(accept)).toBeUndefined();
      expect(r.headers.vary).toBe('Accept-Encoding');
      expect(r.body.length).toBe(5000);
    }
    // Below the threshold, another type, or already encoded by the handler: sent as they are.
    const small = await rawGet(`/api/sized?n=${GZIP_MIN_BYTES - 1}`, 'gzip');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.length).toBe(GZIP_MIN_BYTES - 1);
    const binary = await rawGet('/api/sized?n=5000&type=application/octet-stream', 'gzip');
    expect(binary.headers['content-encoding']).toBeUndefined();
    expect(binary.headers.vary).toBeUndefined();
    const encoded = await rawGet('/api/sized?n=5000&encoded=1', 'gzip');
    expect(encoded.headers['content-encoding']).toBe('br');
    expect(encoded.body.length).toBe(5000);
  });

  it('reads Accept-Encoding like a negotiator: by name or *, honouring q=0', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('deflate, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('x-gzip')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('br, *;q=0.1')).toBe(true);
    expect(acceptsGzip('gzip;q=0, *')).toBe(false);
    expect(acceptsGzip('gzip; q=0.0')).toBe(false);
    expect(acceptsGzip('br, deflate')).toBe(false);
    expect(acceptsGzip('')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it('answers a malformed Host header with a JSON 400 instead of failing', async () => {
    const reply = await rawExchange(['POST /api/echo HTTP/1.1\r\nHost: bad host\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx']);
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(reply).toMatch(/x-content-type-options: nosniff/i);
    expect(reply).toMatch(/"code":"bad_request"/);
  });
});

/** A GET with exactly this Accept-Encoding (fetch would add its own), body undecoded. */
function rawGet(
  path: string,
  acceptEncoding: string | undefined,
): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
    get(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** Writes the requests on one connection and returns everything the server sent until it closed. */
function rawExchange(requests: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1', () => socket.write(requests.join('')));
    let out = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (out += d));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => reject(new Error(`no close after 10 s; got: ${out.slice(0, 500)}`)));
  });
}
