import { AppError } from '@/lib/errors';
import { requestHost } from './forwarded';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A request that changes state: unsafe method, or a Next server action (POST with `Next-Action`). */
export function isMutation(req: { method?: string; headers: Headers }): boolean {
  if (req.headers.has('next-action')) return true;
  return req.method ? !SAFE_METHODS.has(req.method.toUpperCase()) : false;
}

/**
 * CSRF defence for cookie-authenticated mutations: browsers always send `Sec-Fetch-Site` and/or
 * `Origin` on cross-site POSTs, and a page cannot forge them. Bearer-token requests need no check
 * (a cross-site page cannot attach the header), so callers apply this only to cookie sessions.
 */
export function assertSameOrigin(headers: Headers): void {
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin') throw refused(`Sec-Fetch-Site is ${site}`);
  const origin = headers.get('origin');
  if (origin) {
    let host: string | null = null;
    try {
      host = origin === 'null' ? null : new URL(origin).host;
    } catch {
      host = null;
    }
    if (!host || host !== requestHost(headers)) throw refused('Origin does not match this site');
    return;
  }
  if (!site) throw refused('neither Origin nor Sec-Fetch-Site was sent');
}

/** Authenticated by `Authorization: Bearer …`, a header a cross-site page cannot make a browser attach. */
export function hasBearer(headers: Headers): boolean {
  return /^Bearer\s/i.test(headers.get('authorization')?.trim() ?? '');
}

/**
 * The one CSRF rule, applied by authorize() to /api handlers and by proxy.ts and authorizeAction()
 * to pages and server actions: a mutation not carried by a bearer token must come from this origin
 * (a cookie rides along with any request, so a request without Origin or Sec-Fetch-Site is refused).
 */
export function assertMutationSameOrigin(req: { method?: string; headers: Headers }, bearer = hasBearer(req.headers)): void {
  if (!bearer && isMutation(req)) assertSameOrigin(req.headers);
}

function refused(why: string): AppError {
  return new AppError('forbidden', `Cross-site request refused (${why}).`);
}
