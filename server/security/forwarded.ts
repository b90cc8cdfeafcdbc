import { env } from '@/lib/env';

/**
 * The one reading of X-Forwarded-For / -Proto / -Host. They are believed only when TRUST_PROXY
 * says a reverse proxy stands in front (that proxy overwrites what a client sent); otherwise the
 * server (server/security/proxy-trust.mjs) has already replaced them with the socket's own values.
 */
export function trustedHops(): number {
  return env().TRUST_PROXY;
}

function first(value: string | null): string | null {
  return value?.split(',')[0]?.trim() || null;
}

/** The scheme a trusted proxy says the client used (lower case), or null. */
export function forwardedProto(headers: Headers, hops = trustedHops()): string | null {
  return hops > 0 ? (first(headers.get('x-forwarded-proto'))?.toLowerCase() ?? null) : null;
}

/** The host the client addressed: a trusted proxy's X-Forwarded-Host, else Host. */
export function requestHost(headers: Headers, hops = trustedHops()): string | null {
  return (hops > 0 ? first(headers.get('x-forwarded-host')) : null) || headers.get('host');
}

/**
 * The client address. Each proxy appends the address it saw, so with n trusted proxies the client
 * is the n-th entry from the right (entries further left were written by the client). Without a
 * trusted proxy the one entry is the socket address the server wrote.
 */
export function clientIp(headers: Headers, hops = trustedHops()): string {
  const hopsSeen =
    headers
      .get('x-forwarded-for')
      ?.split(',')
      .map((s) => s.trim()) ?? [];
  const at = hopsSeen.length - Math.max(1, hops);
  return hopsSeen[Math.max(0, at)] || 'unknown';
}
