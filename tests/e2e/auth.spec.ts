import { expect, test, type Browser, type Page } from '@playwright/test';
import { e2eAdmin } from '../../playwright.config';

/** Collects CSP violations and page errors the browser reports. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

async function signIn(page: Page, email = e2eAdmin.email, password = e2eAdmin.password, next = '') {
  await page.goto(`/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Contexts inherit the config's stored admin session: these tests start signed out. */
const SIGNED_OUT = { storageState: { cookies: [], origins: [] } };

/** A fresh browser context (no stored session) signed in as `email`. */
async function signedIn(browser: Browser, email = e2eAdmin.email, password = e2eAdmin.password, next = '/'): Promise<Page> {
  const context = await browser.newContext(SIGNED_OUT);
  const page = await context.newPage();
  await signIn(page, email, password, next);
  await expect(page).not.toHaveURL(/\/sign-in/);
  return page;
}

// `page` starts signed in as the admin (tests/e2e/global-setup.ts): sign-in is rate limited per
// address and email, so only the tests about signing in sign in themselves.
test('CSP header is set and the dashboard still renders the map without CSP violations', async ({ page }) => {
  const problems = watchConsole(page);
  const res = await page.goto('/');
  const csp = res?.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res?.headers()['x-content-type-options']).toBe('nosniff');
  expect(res?.headers()['strict-transport-security']).toBeUndefined();
  await expect(page.locator('[data-testid="map"] .leaflet-container')).toBeVisible();
  await expect(page.getByTestId('map-status')).not.toHaveAttribute('data-total', '');
  expect(problems).toEqual([]);
});

test('API responses carry the security headers without the page proxy, HSTS only behind https', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  expect(res.headers()['x-frame-options']).toBe('DENY');
  expect(res.headers()['strict-transport-security']).toBeUndefined();
  // A client's own X-Forwarded-Proto is not believed without TRUST_PROXY (tests/unit/proxy-trust.test.ts covers the trusted case).
  const claimed = await request.get('/api/health', { headers: { 'x-forwarded-proto': 'https' } });
  expect(claimed.headers()['strict-transport-security']).toBeUndefined();
});

test('POST /api/incidents is served before the Next.js router (scripts/server.mjs) with the same security headers', async ({ request }) => {
  const res = await request.post('/api/incidents', {
    headers: { authorization: 'Bearer fw_not-a-token', 'accept-encoding': 'gzip' },
    data: {},
  });
  expect(res.status()).toBe(401);
  expect(res.headers()['www-authenticate']).toBe('Bearer error="invalid_token"');
  expect((await res.json()).error.code).toBe('unauthorized');
  expect(res.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
  expect(res.headers()['x-frame-options']).toBe('DENY');
  // Next.js adds its router's Vary to every response it serves; the direct route has none.
  expect(res.headers()['vary'] ?? '').not.toContain('rsc');
  const claimed = await request.post('/api/incidents', {
    headers: { authorization: 'Bearer fw_not-a-token', 'x-forwarded-proto': 'https' },
    data: {},
  });
  expect(claimed.headers()['strict-transport-security']).toBeUndefined();
});

test("GET /api/incidents (the dashboard's list call) is served before the Next.js router, gzipped as Next.js would", async ({
  request,
  browser,
}) => {
  const res = await request.get('/api/incidents?facets=true&limit=25', { headers: { 'accept-encoding': 'gzip' } });
  expect(res.status()).toBe(200);
  const h = res.headers();
  // Next.js's router would add its own Vary (rsc, …) to the answer.
  expect(h['vary']).toBe('Accept-Encoding');
  expect(h['content-encoding']).toBe('gzip');
  expect(h['cache-control']).toBe('no-store');
  expect(h['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
  const body = (await res.json()) as { items: unknown[]; total: number; facets: unknown };
  expect(body.items).toHaveLength(25);
  expect(body.total).toBeGreaterThan(25);
  expect(body.facets).toBeTruthy();
  // The session cookie is checked by the handler itself: signed out, 401.
  const context = await browser.newContext(SIGNED_OUT);
  const anonymous = await context.request.get('/api/incidents?limit=1');
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()['vary']).toBe('Accept-Encoding');
  await context.close();
});

test('sign-in works without JavaScript and a wrong password gets a neutral error @pg', async ({ browser }) => {
  const context = await browser.newContext({ ...SIGNED_OUT, javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, e2eAdmin.email, 'definitely-wrong');
  await expect(page.getByTestId('sign-in-error')).toHaveText(/Email or password is incorrect/);
  await signIn(page, 'nobody@e2e.test', 'definitely-wrong');
  await expect(page.getByTestId('sign-in-error')).toHaveText(/Email or password is incorrect/);
  await signIn(page, e2eAdmin.email, e2eAdmin.password, '/admin/users');
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await context.close();
});

test('admin creates and revokes an API token in the UI; revocation applies at once', async ({ page }) => {
  await page.goto('/admin/tokens');
  await page.getByLabel('Token name').fill('e2e-revocable');
  await page.getByRole('combobox', { name: 'Role' }).selectOption('viewer');
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('created-token').textContent()) ?? '';
  expect(token).toMatch(/^fw_/);
  const call = () => page.request.get('/api/incidents?limit=1', { headers: { authorization: `Bearer ${token}` } });
  expect((await call()).status()).toBe(200);
  await page.getByRole('button', { name: 'Revoke e2e-revocable' }).click();
  await expect(page.getByRole('row', { name: /e2e-revocable/ })).toContainText('revoked');
  expect((await call()).status()).toBe(401);
  await page.goto('/admin/audit?entity=token');
  await expect(page.getByTestId('audit-row').filter({ hasText: 'revoke' })).toHaveCount(1);
});

test('admin creates a user who can then sign in; disabling ends their session', async ({ page, browser }) => {
  await page.goto('/admin/users');
  const form = page.getByRole('form', { name: 'Create user' });
  await form.getByLabel('Email').fill('analyst1@e2e.test');
  await form.getByLabel('Role').selectOption('analyst');
  await form.getByRole('button', { name: 'Create user' }).click();
  const password = (await page.getByTestId('created-password').textContent()) ?? '';
  expect(password.length).toBeGreaterThanOrEqual(20);

  const analyst = await signedIn(browser, 'analyst1@e2e.test', password, '/');
  await expect(analyst.getByTestId('incident-count')).toBeVisible();
  const admin = await analyst.request.get('/admin/users', { maxRedirects: 0 });
  expect(admin.status()).toBe(403);

  await page.reload();
  await page
    .getByRole('row', { name: /analyst1@e2e\.test/ })
    .getByRole('button', { name: 'Disable' })
    .click();
  await expect(page.getByRole('row', { name: /analyst1@e2e\.test/ })).toContainText('disabled');
  // The session is gone: the same request now counts as anonymous and is sent to sign in.
  const after = await analyst.request.get('/admin/users', { maxRedirects: 0 });
  expect(after.status()).toBe(307);
  expect(after.headers()['location']).toMatch(/^\/sign-in\?next=%2Fadmin%2Fusers/);
});

test('a cookie-authenticated write from another origin is refused (CSRF)', async ({ page }) => {
  await page.goto('/');
  const origin = new URL(page.url()).origin;
  const post = (headers: Record<string, string>) => page.request.post('/api/incidents', { data: {}, headers });
  const foreign = await post({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
  expect(foreign.status()).toBe(403);
  expect((await foreign.json()).error.message).toMatch(/Cross-site request refused/);
  expect((await post({})).status()).toBe(403);
  // Same origin gets past authorization and on to validation of the (empty) body.
  expect((await post({ origin, 'sec-fetch-site': 'same-origin' })).status()).toBe(400);
});
