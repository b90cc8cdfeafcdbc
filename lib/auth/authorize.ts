import 'server-only';
import { getDb } from '@/db/client';
import { verifyApiToken } from '@/db/services/tokens';
import { AppError } from '@/lib/errors';
import { hasRole, type Principal, type Role } from './roles';

const ANONYMOUS: Principal = { kind: 'anonymous', id: 'anonymous', name: 'anonymous', role: 'viewer' };

function bearer(headers: Headers): string | null {
  const h = headers.get('authorization');
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
  return m ? m[1] : '';
}

/**
 * The single authorization check, called by every route handler and data-reading page
 * (never only in proxy.ts). Until accounts exist, reads are open and writes need an API
 * token whose role covers `need`.
 */
export async function authorize(req: Request | { headers: Headers }, need: Role): Promise<Principal> {
  const token = bearer(req.headers);
  if (token === null) {
    if (need === 'viewer') return ANONYMOUS;
    throw new AppError('unauthorized', 'This request needs Authorization: Bearer <token>.', undefined, { 'WWW-Authenticate': 'Bearer' });
  }
  const principal = token ? verifyApiToken(getDb(), token) : null;
  if (!principal) {
    throw new AppError('unauthorized', 'The bearer token is invalid, expired or revoked.', undefined, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  }
  if (!hasRole(principal.role, need)) throw new AppError('forbidden', `This needs the ${need} role; the token has ${principal.role}.`);
  return { kind: 'token', id: `token:${principal.id}`, name: principal.name, role: principal.role };
}

/** For server components and pages: same rules, reading the incoming request headers. */
export async function authorizePage(need: Role): Promise<Principal> {
  const { headers } = await import('next/headers');
  return authorize({ headers: await headers() }, need);
}
