import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { verifySession } from '@/db/services/sessions';
import { isFormPost, readFields, seeOther } from '@/server/auth/form-body';
import { readSessionToken, sessionClearCookie } from '@/server/auth/session-cookie';
import { signOut } from '@/server/auth/sign-in';
import { route } from '@/server/http/respond';
import { assertSameOrigin } from '@/server/security/csrf';

export const dynamic = 'force-dynamic';

/** Ends this session, or every session of the user with `everywhere=1`. Always clears the cookie. */
export const POST = route(async (req: Request) => {
  assertSameOrigin(req.headers);
  const fields = req.headers.get('content-type') ? await readFields(req) : {};
  const everywhere = fields.everywhere === '1' || fields.everywhere === 'true';
  const token = readSessionToken(req.headers, req.url);
  if (token) {
    const db = getStore();
    const s = await verifySession(db, token);
    await signOut(db, token, { everywhere, userId: s?.userId });
  }
  const cookie = sessionClearCookie(req.headers, req.url);
  if (isFormPost(req)) return seeOther('/sign-in?signed-out=1', { 'Set-Cookie': cookie });
  return NextResponse.json({ ok: true }, { headers: { 'Set-Cookie': cookie } });
});
