/** Edge-safe (no Node APIs, no server-only): used by proxy.ts for pages; API responses get theirs from next.config.js. */
import { BASE_SECURITY_HEADERS, HSTS } from './header-values.mjs';
import { forwardedProto, trustedHops } from './forwarded';

/** The origin to allow for raster tiles, from a TILE_URL template; `{s}` subdomains become a wildcard. */
export function tileOrigin(tileUrl: string | undefined): string | null {
  if (!tileUrl) return null;
  const m = /^(https?):\/\/([^/?#]+)/i.exec(tileUrl.trim());
  if (!m) return null;
  const host = m[2].replace(/^\{s\}\./, '*.');
  return /^[*]?[A-Za-z0-9.:[\]-]+$/.test(host.replace(/^\*\./, '')) ? `${m[1].toLowerCase()}://${host}` : null;
}

/**
 * Nonce-based CSP: Next puts the nonce on its own inline scripts (read from this header on the
 * request) and 'strict-dynamic' trusts the chunks they load. Styles allow 'unsafe-inline' because
 * Leaflet positions tiles and markers with inline style attributes.
 */
export function contentSecurityPolicy(nonce: string, opts: { tileUrl?: string; dev?: boolean } = {}): string {
  const tiles = tileOrigin(opts.tileUrl);
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
    "font-src 'self'",
    `connect-src 'self'${opts.dev ? ' ws:' : ''}`,
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ];
  return directives.join('; ');
}

/** Headers every response gets; HSTS only over HTTPS (it would pin plain-http loopback otherwise). */
export function securityHeaders(https: boolean): Record<string, string> {
  const h: Record<string, string> = { ...BASE_SECURITY_HEADERS };
  if (https) h['Strict-Transport-Security'] = HSTS;
  return h;
}

/** HTTPS as the client saw it: a trusted TLS-terminating proxy's X-Forwarded-Proto, else the URL scheme. */
export function isHttps(headers: Headers, url?: string, hops = trustedHops()): boolean {
  const proto = forwardedProto(headers, hops);
  if (proto) return proto === 'https';
  return url ? url.startsWith('https:') : false;
}

export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
