import { expect, test } from '@playwright/test';

// Against the real server (scripts/server.mjs, Next.js, proxy.ts): page routes and server actions
// follow the CSRF rule of /api, and forwarding headers from a client are not believed.
const EVIL = 'http://evil.example';
const PAGES = ['/', '/admin/tokens', '/admin/users', '/rules', '/triage', '/sign-in', '/no-such-page'];

test('a cross-origin POST to any page answers 403, signed in or not, never 500', async ({ request, playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  for (const path of PAGES) {
    for (const [who, ctx] of [
      ['signed in', request],
      ['anonymous', anonymous],
    ] as const) {
      const res = await ctx.post(path, { headers: { origin: EVIL, 'content-type': 'text/plain' }, data: 'x', maxRedirects: 0 });
      expect(res.status(), `${who} POST ${path}`).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
    }
    const action = await request.post(path, { headers: { origin: EVIL, 'next-action': '0'.repeat(42) }, data: '[]', maxRedirects: 0 });
    expect(action.status(), `server action on ${path}`).toBe(403);
  }
  await anonymous.dispose();
});

test('a cookie-carrying POST with neither Origin nor Sec-Fetch-Site is refused by pages as by /api', async ({ request }) => {
  // A form posted without JavaScript (no Next-Action header) and a server-action call alike.
  const form = await request.post('/admin/tokens', { form: { name: 'csrf', role: 'viewer' }, maxRedirects: 0 });
  expect(form.status()).toBe(403);
  expect((await form.json()).error.message).toMatch(/neither Origin nor Sec-Fetch-Site/);
  const action = await request.post('/admin/tokens', { headers: { 'next-action': '0'.repeat(42) }, data: '[]', maxRedirects: 0 });
  expect(action.status()).toBe(403);
  const api = await request.post('/api/alert-rules', { data: {} });
  expect(api.status()).toBe(403);
  // The same request from this origin gets past the rule (an unknown action is then Next's to answer).
  const same = await request.post('/admin/tokens', {
    headers: { 'sec-fetch-site': 'same-origin', 'next-action': '0'.repeat(42) },
    data: '[]',
    maxRedirects: 0,
  });
  expect(same.status()).not.toBe(403);
  expect(same.status()).toBeLessThan(500);
});

test('a forged X-Forwarded-Host does not make a foreign Origin pass the CSRF check', async ({ request }) => {
  const res = await request.post('/', { headers: { origin: EVIL, 'x-forwarded-host': 'evil.example' }, data: 'x', maxRedirects: 0 });
  expect(res.status()).toBe(403);
  const api = await request.post('/api/alert-rules', { headers: { origin: EVIL, 'x-forwarded-host': 'evil.example' }, data: {} });
  expect(api.status()).toBe(403);
});

test('a forged X-Forwarded-For does not buy a client fresh sign-in attempts', async ({ playwright, baseURL }) => {
  const ctx = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const res = await ctx.post('/api/auth/sign-in', {
      headers: { origin: baseURL!, 'x-forwarded-for': `203.0.113.${i}` },
      data: { email: 'nobody-forged@e2e.test', password: `wrong-password-${i}` },
    });
    statuses.push(res.status());
  }
  // 5 tries a minute per address and email: the sixth is refused although it claimed a new address.
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  await ctx.dispose();
});
