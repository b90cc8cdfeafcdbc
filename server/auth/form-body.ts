import 'server-only';
import { readBodyText, readJson } from '@/server/http/respond';
import { AppError } from '@/lib/errors';

const FORM_LIMIT = 16 * 1024;

/** True for a plain HTML form post (the no-JavaScript path); such callers get redirects, not JSON. */
export function isFormPost(req: Request): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(req.headers.get('content-type') ?? '');
}

/** Reads a urlencoded form or a JSON object into string fields, with a size cap. */
export async function readFields(req: Request): Promise<Record<string, string>> {
  if (isFormPost(req)) {
    const params = new URLSearchParams(await readBodyText(req, FORM_LIMIT));
    return Object.fromEntries(params);
  }
  const body = await readJson(req, FORM_LIMIT);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new AppError('bad_request', 'Body must be a JSON object.');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string' || typeof v === 'boolean') out[k] = String(v);
  return out;
}

/** Only same-site paths: `/x` yes; `//evil`, `/\evil`, `https://…` and control characters no. */
export function safeNext(next: string | null | undefined): string {
  if (!next || next.length > 2000 || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex -- finding control characters is the point of this check
  if (/[\u0000-\u001f\u007f]/.test(next) || next.startsWith('/sign-in')) return '/';
  return next;
}

/** 303 See Other with a relative Location (RFC 9110 allows it; no Host header is trusted). */
export function seeOther(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store', ...headers } });
}
