import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { isFormPost, readFields, safeNext, seeOther } from '@/server/auth/form-body';
import { SIGN_IN_FAILED, signIn } from '@/server/auth/sign-in';
import { sessionSetCookie } from '@/server/auth/session-cookie';
import { signInSchema } from '@/lib/auth/user-input';
import { AppError } from '@/lib/errors';
import { errorResponse, route } from '@/server/http/respond';
import { assertSameOrigin } from '@/server/security/csrf';
import { SIGN_IN_PER_EMAIL, SIGN_IN_PER_IP_EMAIL, clientIp, enforceRateLimit } from '@/server/security/rate-limit';

export const dynamic = 'force-dynamic';

/** Public by design (it is how one signs in). Form posts get 303 redirects; JSON callers get JSON. */
export const POST = route(async (req: Request) => {
  const form = isFormPost(req);
  // Login CSRF: a foreign page must not sign the browser into another account.
  assertSameOrigin(req.headers);
  const parsed = signInSchema.safeParse(await readFields(req));
  const next = safeNext(parsed.success ? parsed.data.next : undefined);
  const back = `/sign-in?error=1${next !== '/' ? `&next=${encodeURIComponent(next)}` : ''}`;
  if (!parsed.success) {
    if (form) return seeOther(back);
    throw new AppError('bad_request', 'Email and password are required.');
  }
  const { email, password } = parsed.data;
  const ip = clientIp(req.headers);
  try {
    enforceRateLimit(`sign-in:${ip}:${email}`, SIGN_IN_PER_IP_EMAIL);
    enforceRateLimit(`sign-in:${email}`, SIGN_IN_PER_EMAIL);
  } catch (err) {
    return errorResponse(err);
  }
  const session = await signIn(getStore(), email, password, { ip, userAgent: req.headers.get('user-agent') });
  if (!session) {
    if (form) return seeOther(back);
    throw new AppError('unauthorized', SIGN_IN_FAILED);
  }
  const cookie = sessionSetCookie(req.headers, session.token, session.absoluteExpiresAt, req.url);
  if (form) return seeOther(next, { 'Set-Cookie': cookie });
  return NextResponse.json({ ok: true, next }, { headers: { 'Set-Cookie': cookie, 'Cache-Control': 'no-store' } });
});
