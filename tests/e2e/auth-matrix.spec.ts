import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { closeStore, openStore } from '@/db/store';
import { e2eStoreTarget } from './store';
import { createSession } from '@/db/services/sessions';
import { createApiToken } from '@/db/services/tokens';
import { createUser } from '@/db/services/users';
import type { Role } from '@/lib/auth/roles';
import { appEndpoints, type AppEndpoint } from '../../scripts/lib/app-endpoints.mjs';

/**
 * Every route the app has (found by walking app/, so a new route is covered the day it lands)
 * × {anonymous, viewer, analyst, admin, token}, including RSC and prefetch requests of pages.
 */
type Who = 'anonymous' | 'viewer' | 'analyst' | 'admin' | 'token';
const WHO: Who[] = ['anonymous', 'viewer', 'analyst', 'admin', 'token'];
const TOKEN_ROLE: Role = 'analyst';
const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

const PUBLIC = new Set([
  'GET /api/health',
  'GET /sign-in',
  'POST /api/auth/sign-in',
  'POST /api/auth/sign-out',
  // The links in mails (issue 23): a signed or hashed token is the only credential.
  'GET /api/subscriptions/unsubscribe',
  'POST /api/subscriptions/unsubscribe',
  'GET /api/subscriptions/confirm',
  'POST /api/subscriptions/confirm',
]);
/** Non-mutating POSTs that any signed-in reader may make (a dry-run replay of a rule). */
const READ_POSTS = new Set(['POST /api/alert-rules/[id]/test']);

/** A value for a `[segment]`: for ids, a number no row has (handlers must refuse strangers before they look anything up). */
function sample(segment: string): string {
  return segment === '[week]' ? '2024-W50' : '999999999';
}

function discover(): AppEndpoint[] {
  return appEndpoints(join(process.cwd(), 'app'), sample).sort((a, b) =>
    `${a.pattern} ${a.method}`.localeCompare(`${b.pattern} ${b.method}`),
  );
}

/** The role each endpoint needs, from issue 6: viewer reads; analyst writes; admin for sites, sources, users, tokens. */
function needed(e: AppEndpoint): Role | 'public' {
  const key = `${e.method} ${e.pattern}`;
  if (PUBLIC.has(key)) return 'public';
  if (e.pattern.startsWith('/admin')) return 'admin';
  if (e.method === 'GET' || READ_POSTS.has(key)) return 'viewer';
  // Saved views belong to whoever saves them: every signed-in role keeps its own (issue 20).
  if (e.pattern.startsWith('/api/views')) return 'viewer';
  // So do mail subscriptions (issue 23): each user their own, admins anyone's.
  if (e.pattern.startsWith('/api/subscriptions')) return 'viewer';
  if (e.pattern.startsWith('/api/sites')) return 'admin';
  // Feed sources: admins manage them (the server fetches what they name); analysts may fetch one now.
  if (e.pattern.startsWith('/api/sources') && !e.pattern.endsWith('/fetch')) return 'admin';
  return 'analyst';
}

// The running config's server (playwright.config.ts, or playwright.pg.config.ts on its own port).
const base = () => test.info().project.use.baseURL!;
const creds: Record<Exclude<Who, 'anonymous'>, Record<string, string>> = { viewer: {}, analyst: {}, admin: {}, token: {} };

test.beforeAll(async () => {
  const db = openStore(e2eStoreTarget(), { poolMax: 1 });
  // beforeAll runs again in a fresh worker after a failure: keep emails unique per run.
  const run = `${process.pid}-${Date.now()}`;
  for (const role of ['viewer', 'analyst', 'admin'] as const) {
    const { user } = await createUser(db, { email: `matrix-${role}-${run}@e2e.test`, role, password: `matrix-${role}-password` }, 'e2e');
    creds[role] = { cookie: `fw_session=${(await createSession(db, user.id)).token}` };
  }
  creds.token = { authorization: `Bearer ${(await createApiToken(db, { name: 'matrix', role: TOKEN_ROLE })).token}` };
  await closeStore(db);
});

function roleOf(who: Who): Role | null {
  return who === 'anonymous' ? null : who === 'token' ? TOKEN_ROLE : who;
}

async function send(
  e: AppEndpoint,
  who: Who,
  extra: Record<string, string> = {},
  url = e.path,
): Promise<{ status: number; location: string | null; body: string }> {
  const headers: Record<string, string> = { ...(who === 'anonymous' ? {} : creds[who]), ...extra };
  let body: string | undefined;
  if (e.method !== 'GET') {
    // Same-origin browser headers, so a refusal below is about the role, not CSRF.
    Object.assign(headers, { 'content-type': 'application/json', origin: base(), 'sec-fetch-site': 'same-origin' });
    body = '{}';
  }
  const ac = new AbortController();
  const res = await fetch(base() + url, { method: e.method, headers, body, redirect: 'manual', signal: ac.signal });
  // Streams (SSE) never end: the status and the first bytes are all the matrix needs.
  const text = res.headers.get('content-type')?.includes('event-stream') ? '' : await res.text();
  ac.abort();
  return { status: res.status, location: res.headers.get('location'), body: text };
}

/** Follows Next's `_rsc` cache-busting redirect so the request reaches the page's RSC render. */
async function sendRsc(e: AppEndpoint, who: Who, prefetch: boolean) {
  const extra: Record<string, string> = { rsc: '1', ...(prefetch ? { 'next-router-prefetch': '1' } : {}) };
  const first = await send(e, who, extra);
  if (first.status === 307 && first.location?.includes('_rsc')) return send(e, who, extra, first.location);
  return first;
}

/** An RSC payload with no component references: the route tree only. */
function treeOnly(body: string): boolean {
  return body.length < 2000 && !/I\[\d+,/.test(body) && !/NEXT_/.test(body);
}

for (const e of discover()) {
  test(`${e.method} ${e.pattern}`, async () => {
    const need = needed(e);
    const rows: string[] = [];
    // Credentials on sign-out would end the sessions the other rows use: auth endpoints get anonymous only.
    for (const who of e.pattern.startsWith('/api/auth/') ? (['anonymous'] as const) : WHO) {
      const r = await send(e, who);
      const role = roleOf(who);
      const allowed = need === 'public' || (role !== null && RANK[role] >= RANK[need]);
      const label = `${who} → ${e.method} ${e.path}: ${r.status}`;
      rows.push(label);
      expect(r.status, label).toBeLessThan(500);
      if (allowed) {
        expect([401, 403], label).not.toContain(r.status);
        if (e.kind === 'page') {
          // The sign-in page sends users who already have a session on to the dashboard.
          // A page about one row (/alerts/[id]) answers the sample id, which no row has, with the not-found page.
          const ok = e.pattern.includes('[id]') ? 404 : 200;
          expect(r.status, label).toBe(e.pattern === '/sign-in' && role !== null && who !== 'token' ? 307 : ok);
          if (r.status !== 200) continue;
          const rsc = await sendRsc(e, who, false);
          expect(rsc.status, `${label} (RSC)`).toBe(200);
          expect(rsc.body, `${label} (RSC)`).not.toMatch(/NEXT_REDIRECT;replace;\/sign-in|NEXT_HTTP_ERROR_FALLBACK;40[13]/);
        }
        continue;
      }
      if (e.kind === 'api') {
        expect(r.status, label).toBe(role === null ? 401 : 403);
        expect(JSON.parse(r.body).error.code, label).toBe(role === null ? 'unauthorized' : 'forbidden');
        continue;
      }
      if (role === null) {
        expect(r.status, label).toBe(307);
        expect(r.location, label).toBe(e.path === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(e.path)}`);
      } else expect(r.status, label).toBe(403);
      for (const variant of ['rsc', 'prefetch', '.rsc'] as const) {
        const prefetch = variant === 'prefetch';
        // `.rsc` URLs: `next start` answers 404, or (on a dynamic segment) reads them as an RSC request.
        const rsc =
          variant === '.rsc' ? await send(e, who, {}, e.path === '/' ? '/index.rsc' : `${e.path}.rsc`) : await sendRsc(e, who, prefetch);
        const what = `${label} (${variant}: ${rsc.status})`;
        expect(rsc.status, what).toBeLessThan(500);
        if (rsc.status !== 200) {
          expect([307, 403, 404], what).toContain(rsc.status);
        } else if (prefetch && treeOnly(rsc.body)) {
          // A prefetch of a dynamic page carries only the route tree (the same for everyone), no render.
        } else {
          // Next answers RSC requests 200 with the redirect/403 in the payload: no page data may follow.
          expect(rsc.body, what).toMatch(role === null ? /NEXT_REDIRECT;replace;\/sign-in/ : /NEXT_HTTP_ERROR_FALLBACK;403/);
        }
      }
    }
    test.info().annotations.push({ type: 'matrix', description: rows.join('\n') });
  });
}

test('the walk found the routes the app is known to have', () => {
  const keys = discover().map((e) => `${e.method} ${e.pattern}`);
  for (const k of [
    'GET /',
    'GET /api/incidents',
    'POST /api/incidents',
    'GET /admin/users',
    'GET /api/health',
    'GET /api/openapi.json',
    'GET /sign-in',
  ])
    expect(keys).toContain(k);
});
