import { afterEach, describe, expect, it } from 'vitest';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvError, parseEnv } from '@/lib/env';
import { assertMutationSameOrigin } from '@/server/security/csrf';
import { clientIp, requestHost } from '@/server/security/forwarded';
import { isHttps } from '@/server/security/headers';
import { applyProxyTrust, proxyHops } from '@/server/security/proxy-trust.mjs';

const forged = {
  'x-forwarded-for': '6.6.6.6, 10.0.0.9',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  host: 'fw.example:3000',
};

describe('TRUST_PROXY', () => {
  it('is validated: false, true or the number of proxies in front', () => {
    for (const [v, hops] of [
      [undefined, 0],
      ['false', 0],
      ['0', 0],
      ['no', 0],
      ['true', 1],
      ['yes', 1],
      ['1', 1],
      ['2', 2],
    ] as const) {
      expect(parseEnv(v === undefined ? {} : { TRUST_PROXY: v }).TRUST_PROXY, String(v)).toBe(hops);
    }
    for (const bad of ['maybe', '-1', '10', '1.5']) {
      expect(() => parseEnv({ TRUST_PROXY: bad }), bad).toThrow(EnvError);
      expect(proxyHops(bad)).toBeNull();
    }
  });

  it('decides whether the forwarding headers are believed by the rate limiter, the cookie and the CSRF host check', () => {
    const h = new Headers(forged);
    // No trusted proxy: the server wrote X-Forwarded-For itself (its last entry), Host is the host, the URL the scheme.
    expect(clientIp(h, 0)).toBe('10.0.0.9');
    expect(requestHost(h, 0)).toBe('fw.example:3000');
    expect(isHttps(h, 'http://fw.example:3000/', 0)).toBe(false);
    // One proxy: it appended the address it saw; what the client wrote further left is ignored.
    expect(clientIp(h, 1)).toBe('10.0.0.9');
    expect(clientIp(h, 2)).toBe('6.6.6.6');
    expect(requestHost(h, 1)).toBe('evil.example');
    expect(isHttps(h, 'http://fw.example:3000/', 1)).toBe(true);
    expect(clientIp(new Headers(), 1)).toBe('unknown');
  });
});

describe('applyProxyTrust at the socket', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  /** What a handler behind the server's socket sees for one request carrying `headers`. */
  async function seenBehind(hops: number, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; raw: string[] }> {
    const seen: { headers: IncomingHttpHeaders; raw: string[] }[] = [];
    const server = createServer((req, res) => {
      applyProxyTrust(req, hops);
      seen.push({ headers: { ...req.headers }, raw: [...req.rawHeaders] });
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    close = () => new Promise((r) => server.close(() => r()));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port, path: '/', headers }, (res) => res.resume().on('end', resolve))
        .on('error', reject)
        .end();
    });
    return seen[0];
  }

  it('replaces what a client claims with what the socket says when no proxy is trusted', async () => {
    const s = await seenBehind(0, { ...forged, forwarded: 'for=6.6.6.6;proto=https', 'x-real-ip': '6.6.6.6' });
    expect(s.headers).toMatchObject({ 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'http', host: 'fw.example:3000' });
    for (const name of ['x-forwarded-host', 'forwarded', 'x-real-ip']) expect(s.headers[name], name).toBeUndefined();
    // The raw list (read by the direct routes) says the same.
    const raw = new Headers();
    for (let i = 0; i < s.raw.length; i += 2) raw.append(s.raw[i], s.raw[i + 1]);
    expect(raw.get('x-forwarded-for')).toBe('127.0.0.1');
    expect(raw.get('x-forwarded-proto')).toBe('http');
    expect(raw.has('x-forwarded-host')).toBe(false);
  });

  it('leaves a trusted proxy’s headers, and requests without any, as they are', async () => {
    expect((await seenBehind(1, forged)).headers).toMatchObject(forged);
    const plain = await seenBehind(0, { host: 'fw.example:3000' });
    expect(plain.headers['x-forwarded-for']).toBeUndefined();
  });
});

describe('one CSRF rule for /api, pages and server actions', () => {
  const h = (o: Record<string, string>) => new Headers({ host: 'fw.example:3000', ...o });
  it('refuses a mutation without a bearer token unless it proves it comes from this origin', () => {
    expect(() => assertMutationSameOrigin({ method: 'POST', headers: h({}) })).toThrow(/neither Origin nor Sec-Fetch-Site/);
    expect(() => assertMutationSameOrigin({ headers: h({ 'next-action': 'abc' }) })).toThrow(/Cross-site/);
    expect(() => assertMutationSameOrigin({ method: 'POST', headers: h({ origin: 'http://evil.example' }) })).toThrow(
      /Origin does not match/,
    );
    expect(() => assertMutationSameOrigin({ method: 'POST', headers: h({ origin: 'http://fw.example:3000' }) })).not.toThrow();
    expect(() => assertMutationSameOrigin({ method: 'POST', headers: h({ 'sec-fetch-site': 'same-origin' }) })).not.toThrow();
    expect(() => assertMutationSameOrigin({ method: 'GET', headers: h({ origin: 'http://evil.example' }) })).not.toThrow();
    expect(() => assertMutationSameOrigin({ method: 'POST', headers: h({ authorization: 'Bearer fw_x' }) })).not.toThrow();
    // A forged X-Forwarded-Host does not make a foreign Origin match (no trusted proxy here).
    expect(() =>
      assertMutationSameOrigin({ method: 'POST', headers: h({ origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' }) }),
    ).toThrow(/Origin does not match/);
  });
});
