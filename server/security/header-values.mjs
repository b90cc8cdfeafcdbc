// Plain ESM so next.config.js (API responses) and server/security/headers.ts (proxy.ts, pages) share
// one copy of the security header values.

/** Headers every response gets. */
export const BASE_SECURITY_HEADERS = Object.freeze({
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
});

/** Only over HTTPS: over plain http it would pin loopback and LAN installs to https. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** API responses are data, never documents to render: nothing may load or frame them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** X-Forwarded-Proto values that mean https, as isHttps() reads them (Next anchors a `has` value). */
const HTTPS_FORWARDED = '\\s*[Hh][Tt][Tt][Pp][Ss]\\s*(,.*)?';

/**
 * next.config.js headers() entries for /api/*: the base headers, the API policy, and HSTS when a
 * TLS-terminating proxy says the client used https (as isHttps() reads X-Forwarded-Proto).
 */
export function apiHeaderRules() {
  const base = Object.entries({ ...BASE_SECURITY_HEADERS, 'Content-Security-Policy': API_CONTENT_SECURITY_POLICY }).map(([key, value]) => ({
    key,
    value,
  }));
  return [
    { source: '/api/:path*', headers: base },
    {
      source: '/api/:path*',
      has: [{ type: 'header', key: 'x-forwarded-proto', value: HTTPS_FORWARDED }],
      headers: [{ key: 'Strict-Transport-Security', value: HSTS }],
    },
  ];
}
