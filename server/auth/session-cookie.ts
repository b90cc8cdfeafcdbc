import { isHttps } from '@/server/security/headers';

/**
 * `__Host-` makes the browser insist on Secure, Path=/ and no Domain, so a sibling subdomain
 * cannot plant or overwrite it. Browsers refuse Secure cookies over plain http, so loopback http
 * (demo, tests) uses the unprefixed name.
 */
export const SECURE_COOKIE = '__Host-fw_session';
export const PLAIN_COOKIE = 'fw_session';

export function sessionCookieName(headers: Headers, url?: string): string {
  return isHttps(headers, url) ? SECURE_COOKIE : PLAIN_COOKIE;
}

function parseCookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    if (!out.has(name)) out.set(name, part.slice(i + 1).trim());
  }
  return out;
}

/** The session id from the Cookie header, for the cookie name that fits this request's scheme. */
export function readSessionToken(headers: Headers, url?: string): string | null {
  const value = parseCookies(headers.get('cookie')).get(sessionCookieName(headers, url));
  return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
}

export function sessionSetCookie(headers: Headers, token: string, expiresAt: number, url?: string): string {
  const secure = isHttps(headers, url);
  const name = secure ? SECURE_COOKIE : PLAIN_COOKIE;
  const maxAge = Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
  return `${name}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

export function sessionClearCookie(headers: Headers, url?: string): string {
  const secure = isHttps(headers, url);
  return `${secure ? SECURE_COOKIE : PLAIN_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}
