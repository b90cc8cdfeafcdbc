// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@/db/store';
import { audit } from '@/db/services/audit';
import { verifySession } from '@/db/services/sessions';
import { authorize } from '@/server/auth/authorize';
import { SIGN_IN_FAILED } from '@/server/auth/sign-in';
import { resetRateLimits } from '@/server/security/rate-limit';
import { resetEnvCache } from '@/lib/env';
import { authTempDb, makeUser, mintToken, sessionCookie, type AuthTempDb } from '../support/auth';

type Handler = (req: Request, ctx?: unknown) => Promise<Response>;
let t: AuthTempDb;
let db: Store;
let signInPOST: Handler;
let signOutPOST: Handler;
let historyGET: Handler;
const ORIGIN = 'http://127.0.0.1:3700';

beforeAll(async () => {
  t = await authTempDb();
  db = t.store;
  ({ POST: signInPOST } = (await import('@/app/api/auth/sign-in/route')) as { POST: Handler });
  ({ POST: signOutPOST } = (await import('@/app/api/auth/sign-out/route')) as { POST: Handler });
  ({ GET: historyGET } = (await import('@/app/api/incidents/[id]/history/route')) as { GET: Handler });
});
afterAll(() => t.cleanup());

function signInJson(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', host: '127.0.0.1:3700', origin: ORIGIN, 'x-forwarded-for': '10.0.0.1', ...headers },
    body: JSON.stringify(body),
  });
}

describe('POST /api/auth/sign-in', () => {
  it('sets an HttpOnly SameSite=Lax cookie (fw_session on http, __Host- + Secure over https)', async () => {
    const u = await makeUser(db, 'analyst');
    const res = await signInPOST(signInJson({ email: u.email, password: u.password }));
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^fw_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const token = /^fw_session=([^;]+)/.exec(cookie)![1];
    expect((await verifySession(db, token))?.userId).toBe(u.id);

    // X-Forwarded-Proto is a client's claim unless TRUST_PROXY says a proxy sets it.
    const claimed = await signInPOST(signInJson({ email: u.email, password: u.password }, { 'x-forwarded-proto': 'https' }));
    expect(claimed.headers.get('set-cookie')).toMatch(/^fw_session=/);
    process.env.TRUST_PROXY = '1';
    resetEnvCache();
    try {
      const https = await signInPOST(
        signInJson({ email: u.email, password: u.password }, { 'x-forwarded-proto': 'https', origin: 'https://127.0.0.1:3700' }),
      );
      expect(https.headers.get('set-cookie')).toMatch(/^__Host-fw_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
    } finally {
      delete process.env.TRUST_PROXY;
      resetEnvCache();
    }
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const u = await makeUser(db);
    const wrong = await signInPOST(signInJson({ email: u.email, password: 'not-the-password' }));
    const unknown = await signInPOST(signInJson({ email: 'ghost@example.org', password: 'not-the-password' }));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('works as a plain form post: 303 to next on success, back to the form on failure', async () => {
    const u = await makeUser(db);
    const form = (password: string, next: string) =>
      new Request(`${ORIGIN}/api/auth/sign-in`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          host: '127.0.0.1:3700',
          'sec-fetch-site': 'same-origin',
          origin: ORIGIN,
        },
        body: new URLSearchParams({ email: u.email, password, next }).toString(),
      });
    const ok = await signInPOST(form(u.password, '/reports?week=2024-W50'));
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/reports?week=2024-W50');
    const offsite = await signInPOST(form(u.password, '//evil.example/'));
    expect(offsite.headers.get('location')).toBe('/');
    const bad = await signInPOST(form('wrong-password', '/alerts'));
    expect(bad.status).toBe(303);
    expect(bad.headers.get('location')).toBe('/sign-in?error=1&next=%2Falerts');
  });

  it('answers 429 with Retry-After after 5 tries a minute for one IP and email', async () => {
    resetRateLimits();
    const u = await makeUser(db);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await signInPOST(signInJson({ email: u.email, password: `guess-${i}` }))).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const limited = await signInPOST(signInJson({ email: u.email, password: u.password }));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another address still has its own budget for this email (until the per-email cap).
    expect((await signInPOST(signInJson({ email: u.email, password: u.password }, { 'x-forwarded-for': '10.0.0.2' }))).status).toBe(200);
  });

  it('refuses a sign-in posted from another origin (login CSRF)', async () => {
    const u = await makeUser(db);
    const res = await signInPOST(
      signInJson({ email: u.email, password: u.password }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }),
    );
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('never 500s on junk bodies', async () => {
    for (const body of ['', 'not json', '[]', JSON.stringify({ email: 'x'.repeat(5000), password: 'p' })]) {
      const res = await signInPOST(
        new Request(`${ORIGIN}/api/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', host: '127.0.0.1:3700', origin: ORIGIN },
          body,
        }),
      );
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect(SIGN_IN_FAILED).not.toMatch(/exist|unknown|no account/i);
  });

  it('answers 415 to another content type and 413 past its size cap, as the OpenAPI document says (sign-out too)', async () => {
    const post = (handler: Handler, path: string, type: string, body: string) =>
      handler(
        new Request(`${ORIGIN}${path}`, {
          method: 'POST',
          headers: { 'content-type': type, host: '127.0.0.1:3700', origin: ORIGIN },
          body,
        }),
      );
    const tooBig = JSON.stringify({ email: 'x'.repeat(20_000), password: 'p' });
    for (const [handler, path] of [
      [signInPOST, '/api/auth/sign-in'],
      [signOutPOST, '/api/auth/sign-out'],
    ] as const) {
      expect((await post(handler, path, 'text/plain', '{}')).status, path).toBe(415);
      expect((await post(handler, path, 'application/json', tooBig)).status, path).toBe(413);
    }
  });
});

describe('cookie sessions and CSRF in authorize()', () => {
  it('accepts a same-origin cookie mutation and refuses a cross-origin one; bearer tokens are exempt', async () => {
    const u = await makeUser(db, 'analyst');
    const cookie = await sessionCookie(db, u.id);
    const post = (headers: Record<string, string>) =>
      new Request(`${ORIGIN}/api/incidents`, { method: 'POST', headers: { host: '127.0.0.1:3700', ...headers } });
    await expect(authorize(post({ cookie, origin: ORIGIN, 'sec-fetch-site': 'same-origin' }), 'analyst')).resolves.toMatchObject({
      kind: 'user',
      id: `user:${u.id}`,
    });
    await expect(
      authorize(post({ cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }), 'analyst'),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(authorize(post({ cookie, origin: 'http://127.0.0.1:3999' }), 'analyst')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(authorize(post({ cookie }), 'analyst')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      authorize(post({ authorization: `Bearer ${await mintToken(db, 'analyst')}`, origin: 'https://evil.example' }), 'analyst'),
    ).resolves.toMatchObject({ kind: 'token' });
  });

  it('sign-out ends the session behind the cookie and clears it', async () => {
    const u = await makeUser(db);
    const cookie = await sessionCookie(db, u.id);
    const res = await signOutPOST(
      new Request(`${ORIGIN}/api/auth/sign-out`, { method: 'POST', headers: { cookie, host: '127.0.0.1:3700', origin: ORIGIN } }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^fw_session=; .*Max-Age=0/);
    expect(await verifySession(db, cookie.split('=')[1])).toBeNull();
  });
});

describe('GET /api/incidents/{id}/history', () => {
  it('lists the audit entries of that incident, newest first', async () => {
    await audit(db, { actor: 'user:1', action: 'create', entity: 'incident', entityId: 42, after: { notes: 'a' }, at: 1 });
    await audit(db, {
      actor: 'token:2',
      action: 'update',
      entity: 'incident',
      entityId: 42,
      before: { notes: 'a' },
      after: { notes: 'b' },
      at: 2,
    });
    await audit(db, { actor: 'user:1', action: 'update', entity: 'incident', entityId: 43, at: 3 });
    const res = await historyGET(
      new Request(`${ORIGIN}/api/incidents/42/history`, { headers: { authorization: `Bearer ${await mintToken(db)}` } }),
      { params: Promise.resolve({ id: '42' }) },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { action: string; after: unknown }[] };
    expect(body.items.map((i) => i.action)).toEqual(['update', 'create']);
    expect(body.items[0].after).toEqual({ notes: 'b' });
    const bad = await historyGET(
      new Request(`${ORIGIN}/api/incidents/x/history`, { headers: { authorization: `Bearer ${await mintToken(db)}` } }),
      { params: Promise.resolve({ id: 'x' }) },
    );
    expect(bad.status).toBe(400);
    // An id with neither an incident nor any history names nothing: 404, not an empty list.
    const missing = await historyGET(
      new Request(`${ORIGIN}/api/incidents/999/history`, { headers: { authorization: `Bearer ${await mintToken(db)}` } }),
      { params: Promise.resolve({ id: '999' }) },
    );
    expect(missing.status).toBe(404);
  });
});
