import { expect, test, type Page } from '@playwright/test';
import { closeStore, openStore } from '@/db/store';
import { e2eStoreTarget } from './store';
import { createApiToken } from '@/db/services/tokens';

/**
 * Script payloads in every free-text field (incident notes and location, group name, rule name,
 * site name) must reach the page as text: visible literally, never as elements or handlers.
 */
const payload = (tag: string) => `<img src=x onerror="window.__xss='${tag}'"><script>window.__xss='${tag}'</script>${tag}`;
const P = {
  notes: payload('XSSNOTES'),
  location: payload('XSSLOC'),
  group: payload('XSSGROUP'),
  rule: payload('XSSRULE'),
  site: payload('XSSSITE'),
};

let incidentId = 0;

test.beforeAll(async ({ request }) => {
  const db = openStore(e2eStoreTarget(), { poolMax: 1 });
  const admin = { authorization: `Bearer ${(await createApiToken(db, { name: 'e2e-xss-admin', role: 'admin' })).token}` };
  await closeStore(db);
  const site = await request.post('/api/sites', { headers: admin, data: { name: P.site, lat: 34.0, lon: 71.55, kind: 'other' } });
  expect(site.status(), await site.text()).toBe(201);
  const siteId = ((await site.json()) as { id: number }).id;
  const rule = await request.post('/api/alert-rules', {
    headers: admin,
    data: { name: P.rule, severity: 'critical', kind: 'proximity', params: { radiusKm: 100, siteIds: [siteId] } },
  });
  expect(rule.status(), await rule.text()).toBe(201);
  const incident = (occurredAt: string, killed: number) => ({
    occurredAt,
    country: 'PK',
    admin1: 'Khyber Pakhtunkhwa',
    location: P.location,
    lat: 34.01,
    lon: 71.58,
    eventType: 'Explosions/Remote violence',
    subEventType: 'Suicide bomb',
    group: P.group,
    killed,
    notes: P.notes,
  });
  const now = await request.post('/api/incidents', { headers: admin, data: incident(new Date(Date.now() - 3600_000).toISOString(), 7) });
  expect(now.status(), await now.text()).toBe(201);
  incidentId = ((await now.json()) as { id: number }).id;
  // Last week too, with casualties high enough to be a notable incident of the weekly report.
  const lastWeek = await request.post('/api/incidents', {
    headers: admin,
    data: incident(new Date(Date.now() - 7 * 86_400_000).toISOString(), 999),
  });
  expect(lastWeek.status(), await lastWeek.text()).toBe(201);
});

/** Nothing from the payloads became markup, and nothing ran. */
async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss ?? null)).toBeNull();
  expect(await page.locator('img[src="x"], [onerror], [onload]').count()).toBe(0);
  // (The payloads do appear inside Next's flight data, as JSON strings: that is data, not a script.)
  const injected = await page
    .locator('script:not([src])')
    .evaluateAll((els) => els.filter((e) => (e.textContent ?? '').trim().startsWith('window.__xss')).length);
  expect(injected).toBe(0);
}

test('dashboard: list, map and detail show the payloads as text', async ({ page }) => {
  await page.goto(`/?incident=${incidentId}`);
  await expect(page.getByTestId('incident-row').filter({ hasText: 'XSSLOC' }).first()).toContainText('<img src=x');
  await expect(page.getByTestId('incident-row').filter({ hasText: 'XSSGROUP' }).first()).toBeVisible();
  await expect(page.getByTestId('incident-notes')).toContainText(`<script>window.__xss='XSSNOTES'</script>XSSNOTES`);
  await expect(page.locator('[data-testid="map"] .leaflet-container')).toBeVisible();
  // The edit history (audit trail) shows who created it, and the field values as text too.
  await page.getByRole('button', { name: 'Show edit history' }).click();
  await expect(page.getByTestId('incident-history')).toContainText(/create by token:\d+/);
  await expect(page.getByTestId('incident-history')).toContainText('XSSNOTES');
  await expectInert(page);
});

test('alerts: the rule and site names show as text in the alert panel and the rules page', async ({ page }) => {
  await page.goto('/');
  const alert = page.getByTestId('alert-item').filter({ hasText: 'XSSRULE' }).first();
  await expect(alert).toContainText('<img src=x');
  // The proximity alert's summary names the site.
  await expect(alert).toContainText('XSSSITE');
  await expectInert(page);
  await page.goto('/rules');
  await expect(page.getByTestId('rule-row').filter({ hasText: 'XSSRULE' }).first()).toBeVisible();
  await expectInert(page);
});

test('weekly report shows the payloads as text', async ({ page }) => {
  await page.goto('/reports/weekly');
  await page.getByRole('listitem').filter({ hasText: 'latest complete week' }).getByRole('link').click();
  await expect(page.getByTestId('report-week')).toBeVisible();
  await expect(page.getByText(/XSSLOC|XSSGROUP|XSSNOTES/).first()).toContainText('<');
  await expectInert(page);
});
