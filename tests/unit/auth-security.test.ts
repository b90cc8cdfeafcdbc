import { describe, expect, it } from 'vitest';
import { changedFields, formatValue } from '@/lib/audit/diff';
import { safeNext } from '@/server/auth/form-body';
import { readSessionToken, sessionCookieName } from '@/server/auth/session-cookie';
import { assertSameOrigin, isMutation } from '@/server/security/csrf';
import { contentSecurityPolicy, isHttps, securityHeaders, tileOrigin } from '@/server/security/headers';
import { apiHeaderRules } from '@/server/security/header-values.mjs';
import { enforceRateLimit, resetRateLimits, takeToken } from '@/server/security/rate-limit';
import { resetEnvCache } from '@/lib/env';

describe('token bucket', () => {
  it('allows the burst, refuses the next with a Retry-After, and refills over time', () => {
    resetRateLimits();
    const policy = { capacity: 5, windowMs: 60_000 };
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) expect(takeToken('k', policy, t0).ok).toBe(true);
    const refused = takeToken('k', policy, t0);
    expect(refused).toEqual({ ok: false, retryAfterSec: 12 });
    expect(takeToken('k', policy, t0 + 12_000).ok).toBe(true);
    expect(takeToken('other', policy, t0).ok).toBe(true);
    expect(() => {
      for (let i = 0; i < 10; i++) enforceRateLimit('e', policy, t0);
    }).toThrow(expect.objectContaining({ code: 'rate_limited', headers: { 'Retry-After': expect.stringMatching(/^\d+$/) } }));
  });
});

describe('CSRF', () => {
  const h = (o: Record<string, string>) => new Headers({ host: 'fw.example:8443', ...o });
  it('accepts same-origin and refuses cross-site, a foreign Origin, "null" and no signal at all', () => {
    expect(() => assertSameOrigin(h({ 'sec-fetch-site': 'same-origin', origin: 'https://fw.example:8443' }))).not.toThrow();
    expect(() => assertSameOrigin(h({ origin: 'https://fw.example:8443' }))).not.toThrow();
    expect(() => assertSameOrigin(h({ 'sec-fetch-site': 'same-origin' }))).not.toThrow();
    const bads: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'https://fw.example:8443.evil.example' },
      {},
    ];
    for (const bad of bads) {
      expect(() => assertSameOrigin(h(bad))).toThrow(/Cross-site request refused/);
    }
  });
  it('treats unsafe methods and server actions as mutations', () => {
    expect(isMutation({ method: 'GET', headers: new Headers() })).toBe(false);
    expect(isMutation({ method: 'DELETE', headers: new Headers() })).toBe(true);
    expect(isMutation({ headers: new Headers({ 'next-action': 'abc' }) })).toBe(true);
  });
});

describe('security headers', () => {
  it('builds a nonce CSP that allows Leaflet inline styles and the tile origin only', () => {
    const csp = contentSecurityPolicy('abc123', { tileUrl: 'https://{s}.tile.example.org/{z}/{x}/{y}.png' });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data: blob: https://*.tile.example.org");
    for (const d of ["object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "connect-src 'self'"])
      expect(csp).toContain(d);
    expect(csp).not.toContain('unsafe-eval');
    expect(tileOrigin('https://tiles.example.org:8080/{z}/{x}/{y}.png')).toBe('https://tiles.example.org:8080');
    expect(tileOrigin("https://x.org';script-src *;/{z}/{x}/{y}")).toBeNull();
    expect(tileOrigin(undefined)).toBeNull();
  });
  it('sends HSTS only over HTTPS', () => {
    expect(securityHeaders(true)['Strict-Transport-Security']).toMatch(/max-age=\d+/);
    expect(securityHeaders(false)['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders(false)['X-Content-Type-Options']).toBe('nosniff');
  });
  // next.config.js returns these from headers(); tests/e2e/auth.spec.ts checks them on a real response.
  it('gives API responses (which proxy.ts skips) the same headers, with a no-content policy', () => {
    const rules = apiHeaderRules();
    const base = rules.find((r) => !r.has)!;
    expect(base.source).toBe('/api/:path*');
    expect(Object.fromEntries(base.headers.map((h) => [h.key, h.value]))).toEqual({
      ...securityHeaders(false),
      'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
    });
    const hsts = rules.find((r) => r.has)!;
    expect(hsts.headers).toEqual([{ key: 'Strict-Transport-Security', value: securityHeaders(true)['Strict-Transport-Security'] }]);
    // Next anchors a `has` value: it must send HSTS exactly when isHttps() would.
    const [cond] = hsts.has!;
    expect(cond).toMatchObject({ type: 'header', key: 'x-forwarded-proto' });
    for (const proto of ['https', 'HTTPS', ' https ', 'https, http', 'http', 'http, https', 'httpsx', 'wss']) {
      // As behind a trusted proxy (TRUST_PROXY): the only case in which the server lets the header through.
      expect(new RegExp(`^${cond.value}$`).test(proto), proto).toBe(isHttps(new Headers({ 'x-forwarded-proto': proto }), undefined, 1));
    }
  });
});

describe('session cookie and redirects', () => {
  it('reads the cookie name that matches the scheme', () => {
    const tok = 'a'.repeat(43);
    expect(readSessionToken(new Headers({ cookie: `x=1; fw_session=${tok}` }))).toBe(tok);
    // X-Forwarded-Proto counts only behind a trusted proxy (TRUST_PROXY).
    expect(readSessionToken(new Headers({ cookie: `fw_session=${tok}`, 'x-forwarded-proto': 'https' }))).toBe(tok);
    process.env.TRUST_PROXY = 'true';
    resetEnvCache();
    try {
      expect(readSessionToken(new Headers({ cookie: `fw_session=${tok}`, 'x-forwarded-proto': 'https' }))).toBeNull();
      expect(readSessionToken(new Headers({ cookie: `__Host-fw_session=${tok}`, 'x-forwarded-proto': 'https' }))).toBe(tok);
    } finally {
      delete process.env.TRUST_PROXY;
      resetEnvCache();
    }
    expect(readSessionToken(new Headers({ cookie: 'fw_session=<script>' }))).toBeNull();
    expect(sessionCookieName(new Headers(), 'https://fw.example/')).toBe('__Host-fw_session');
  });
  it('only follows same-site next paths', () => {
    expect(safeNext('/alerts?x=1')).toBe('/alerts?x=1');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '/a\nb',
      '/sign-in?next=/x',
      undefined,
    ])
      expect(safeNext(bad)).toBe('/');
  });
});

describe('audit diff', () => {
  it('lists changed top-level fields only', () => {
    expect(changedFields({ a: 1, b: 'x', c: [1] }, { a: 1, b: 'y', d: true })).toEqual([
      { field: 'b', before: 'x', after: 'y' },
      { field: 'c', before: [1], after: null },
      { field: 'd', before: null, after: true },
    ]);
    expect(changedFields(null, { a: 1 })).toEqual([{ field: 'a', before: null, after: 1 }]);
    expect(formatValue('x'.repeat(200), 10)).toHaveLength(10);
  });
});
