import 'server-only';
import { getStore } from '@/db/client';
import { verifyApiToken } from '@/db/services/tokens';
import { verifySession } from '@/db/services/sessions';
import { AppError } from '@/lib/errors';
import { assertMutationSameOrigin, isMutation } from '@/server/security/csrf';
import { enforceRateLimit, writesPerPrincipal } from '@/server/security/rate-limit';
import { env } from '@/lib/env';
import { hasRole, type Principal, type Role } from '@/lib/auth/roles';
import { readSessionToken } from './session-cookie';

type RequestLike = Request | { headers: Headers; method?: string; url?: string };

function bearer(headers: Headers): string | null {
  const h = headers.get('authorization');
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
  return m ? m[1] : '';
}

/**
 * Who is asking: a bearer API token wins over a session cookie; null when neither is present.
 * Throws 401 for a token that is present but invalid, expired or revoked.
 */
export async function identify(req: RequestLike): Promise<Principal | null> {
  const token = bearer(req.headers);
  if (token !== null) {
    const t = token ? await verifyApiToken(getStore(), token) : null;
    if (!t) {
      throw new AppError('unauthorized', 'The bearer token is invalid, expired or revoked.', undefined, {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    }
    return { kind: 'token', id: `token:${t.id}`, name: t.name, role: t.role };
  }
  const sid = readSessionToken(req.headers, req.url);
  const s = sid ? await verifySession(getStore(), sid) : null;
  return s ? { kind: 'user', id: `user:${s.userId}`, name: s.email, role: s.role } : null;
}

/**
 * The single authorization check, called by every route handler, page and server action (never
 * only in proxy.ts). Every caller must be signed in (session cookie) or send a valid API token:
 * 401 otherwise, 403 without the role. Mutations by cookie must come from this origin (CSRF) and
 * every principal's mutations are rate limited.
 */
export async function authorize(req: RequestLike, need: Role): Promise<Principal> {
  const principal = await identify(req);
  if (!principal) {
    throw new AppError('unauthorized', 'Sign in, or send Authorization: Bearer <token>.', undefined, { 'WWW-Authenticate': 'Bearer' });
  }
  if (!hasRole(principal.role, need)) throw new AppError('forbidden', `This needs the ${need} role; you have ${principal.role}.`);
  assertMutationSameOrigin(req, principal.kind === 'token');
  if (isMutation(req)) enforceRateLimit(`writes:${principal.id}`, writesPerPrincipal(env().WRITE_RATE_LIMIT_PER_MINUTE));
  return principal;
}

/** Where to send an anonymous page visitor: the sign-in page, coming back here afterwards. */
export function signInPath(headers: Headers): string {
  const here = headers.get('x-fw-path');
  const next = here && here.startsWith('/') && !here.startsWith('//') ? here.replace(/([?&])_rsc=[^&]*&?/, '$1').replace(/[?&]$/, '') : '/';
  return next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
}

/**
 * For server components, pages and server actions: same rules, reading the incoming request
 * headers. Anonymous visitors are redirected to sign in; signed-in users without the role get 403.
 */
export async function authorizePage(need: Role, opts: { action?: boolean } = {}): Promise<Principal> {
  const { headers } = await import('next/headers');
  const { forbidden, redirect } = await import('next/navigation');
  const h = await headers();
  try {
    return await authorize({ headers: h, method: opts.action ? 'POST' : undefined }, need);
  } catch (err) {
    if (err instanceof AppError && err.code === 'unauthorized') redirect(signInPath(h));
    if (err instanceof AppError && err.code === 'forbidden') forbidden();
    throw err;
  }
}

/**
 * For server actions: a mutation whatever its headers. A form posted without JavaScript carries no
 * Next-Action header, so the headers alone would not mark it as one and the CSRF rule would be skipped.
 */
export function authorizeAction(need: Role): Promise<Principal> {
  return authorizePage(need, { action: true });
}
