import { expect, test } from '@playwright/test';
import { closeStore, openStore } from '@/db/store';
import { createUser } from '@/db/services/users';
import { e2eApiToken, e2eStoreTarget } from './store';

/**
 * The page an alert's mail and webhook link to: signed out, the link goes through sign-in and back;
 * the page shows the rule, state and incidents, acknowledges, and opens the dashboard on the alert.
 */
let token: string;
let ruleId = 0;
const viewer = { email: `alert-page-viewer-${process.pid}-${Date.now()}@e2e.test`, password: 'alert-page-viewer-password' };

test.beforeAll(async () => {
  token = await e2eApiToken('e2e-alert-page');
  const db = openStore(e2eStoreTarget(), { poolMax: 1 });
  await createUser(db, { ...viewer, role: 'viewer' }, 'e2e');
  await closeStore(db);
});

// Other specs share this server: leave no rule behind that could fire for their incidents.
test.afterAll(async ({ request }) => {
  if (ruleId) await request.delete(`/api/alert-rules/${ruleId}`, { headers: { authorization: `Bearer ${token}` } });
});

test('an alert link opens its page after sign-in; acknowledge there, then show it on the map', async ({ page, browser }) => {
  const auth = { authorization: `Bearer ${token}` };
  const name = `E2E alert page ${Date.now()}`;
  const rule = await page.request.post('/api/alert-rules', {
    headers: auth,
    data: { name, kind: 'mass-casualty', severity: 'warning', params: { killed: 91 } },
  });
  expect(rule.status(), await rule.text()).toBe(201);
  ruleId = ((await rule.json()) as { id: number }).id;
  const posted = await page.request.post('/api/incidents', {
    headers: auth,
    data: {
      country: 'PK',
      admin1: 'Khyber Pakhtunkhwa',
      location: 'Bannu',
      lat: 32.99,
      lon: 70.6,
      eventType: 'Explosions/Remote violence',
      subEventType: 'Suicide bomb',
      group: 'TTP',
      occurredAt: new Date(Date.now() - 600_000).toISOString(),
      killed: 93,
      injured: 5,
    },
  });
  expect(posted.status(), await posted.text()).toBe(201);
  const incidentId = ((await posted.json()) as { id: number }).id;
  // Firing may follow the write by a moment (the alert engine runs after the commit).
  let alertId = 0;
  await expect
    .poll(async () => {
      const list = (await (await page.request.get('/api/alerts?status=firing&limit=50', { headers: auth })).json()) as {
        items: { id: number; ruleId: number }[];
      };
      alertId = list.items.find((a) => a.ruleId === ruleId)?.id ?? 0;
      return alertId;
    })
    .toBeGreaterThan(0);

  // Signed out, as a reader following the mail: sign in, land on the alert.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const reader = await context.newPage();
  await reader.goto(`/alerts/${alertId}`);
  await expect(reader).toHaveURL(new RegExp(`/sign-in\\?next=${encodeURIComponent(`/alerts/${alertId}`)}$`));
  await reader.getByLabel('Email').fill(viewer.email);
  await reader.getByLabel('Password').fill(viewer.password);
  await reader.getByRole('button', { name: 'Sign in' }).click();
  await expect(reader).toHaveURL(new RegExp(`/alerts/${alertId}$`));
  const detail = reader.getByTestId('alert-detail');
  await expect(detail).toHaveAttribute('data-status', 'firing');
  await expect(detail).toContainText(name);
  await expect(detail).toContainText('Warning');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(`Alert ${alertId}`);
  await expect(reader.getByText('Mass casualty: 93 killed, 5 injured')).toBeVisible();
  await expect(reader.getByTestId('alert-incidents').locator(`tr[data-incident-id="${incidentId}"]`)).toContainText('Bannu');
  // A viewer reads; only analysts act.
  await expect(reader.getByTestId('alert-acknowledge')).toHaveCount(0);
  // An id that names no alert is the not-found page.
  const missing = await reader.goto('/alerts/987654321');
  expect(missing?.status()).toBe(404);
  await expect(reader.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await context.close();

  // The admin (an analyst and more) acknowledges with a note on the page.
  await page.goto(`/alerts/${alertId}`);
  await page.getByLabel('Note').fill('checking with Bannu police');
  await page.getByTestId('alert-acknowledge').click();
  await expect(page.getByTestId('alert-detail')).toHaveAttribute('data-status', 'acknowledged');
  await expect(page.getByTestId('alert-state')).toContainText('“checking with Bannu police”');
  const stored = (await (await page.request.get(`/api/alerts/${alertId}`, { headers: auth })).json()) as {
    status: string;
    ackNote: string;
  };
  expect(stored).toMatchObject({ status: 'acknowledged', ackNote: 'checking with Bannu police' });

  // Show on map: the dashboard on the alert's filter with its incident selected.
  await page.getByTestId('alert-show-on-map').click();
  await expect(page).toHaveURL(new RegExp(`[?&]incident=${incidentId}(&|$)`));
  await expect(page).toHaveURL(/[?&]from=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByTestId('incident-detail')).toContainText('Bannu');

  // The dashboard's alert panel links to the same page.
  const item = page.getByTestId('alert-item').filter({ hasText: name });
  await item.getByTestId('alert-details-link').click();
  await expect(page).toHaveURL(new RegExp(`/alerts/${alertId}$`));
});
