import { expect, test, type Page } from '@playwright/test';
import { closeStore, openStore } from '@/db/store';
import { e2eStoreTarget } from './store';
import { createApiToken } from '@/db/services/tokens';

let token: string;
const rules: number[] = [];

test.beforeAll(async () => {
  const db = openStore(e2eStoreTarget(), { poolMax: 1 });
  token = (await createApiToken(db, { name: 'e2e-dashboard-live', role: 'analyst' })).token;
  await closeStore(db);
});
// Other specs share this server: leave no rule behind that could fire for their incidents.
test.afterAll(async ({ request }) => {
  for (const id of rules) await request.delete(`/api/alert-rules/${id}`, { headers: { authorization: `Bearer ${token}` } });
});

const auth = () => ({ authorization: `Bearer ${token}` });
const incident = {
  country: 'PK',
  admin1: 'Balochistan',
  admin2: 'Quetta',
  lat: 30.18,
  lon: 67.0,
  eventType: 'Explosions/Remote violence',
  subEventType: 'Suicide bomb',
  group: 'BLA',
};
const mapTotal = async (page: Page) => Number(await page.getByTestId('map-status').getAttribute('data-total'));

/** Requests to the dashboard's data endpoints from now on (list, facets, timeline, map; alerts also poll). */
function recordDataRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/^\/api\/(incidents|incidents\/facets|incidents\/timeline|map)$/.test(path)) seen.push(path);
  });
  return seen;
}

test('an incident and its alert arrive over the live stream into the list, count, map and alert panel, only the map refetching', async ({
  page,
}) => {
  const name = `E2E live patch ${Date.now()}`;
  const rule = await page.request.post('/api/alert-rules', {
    headers: auth(),
    data: { name, kind: 'mass-casualty', severity: 'critical', params: { killed: 93 } },
  });
  expect(rule.status(), await rule.text()).toBe(201);
  rules.push(((await rule.json()) as { id: number }).id);

  await page.goto('/');
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  await expect(page.getByTestId('incident-row').first()).toBeVisible();
  await expect.poll(() => mapTotal(page)).toBeGreaterThan(0);
  const count = Number((await page.getByTestId('incident-count').textContent())!.replace(/,/g, ''));
  const mapBefore = await mapTotal(page);

  const requests = recordDataRequests(page);
  const location = `Live patch ${Date.now()}`;
  const res = await page.request.post('/api/incidents', {
    headers: auth(),
    data: { ...incident, location, occurredAt: new Date().toISOString(), killed: 95 },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = (await res.json()) as { id: number };

  const row = page.locator(`[data-testid="incident-row"][data-incident-id="${id}"]`);
  await expect(row).toContainText(location);
  await expect(page.getByTestId('incident-count')).toHaveText((count + 1).toLocaleString('en-US'));
  await expect.poll(() => mapTotal(page)).toBe(mapBefore + 1);
  // The list, count and timeline came from the SSE event, not from a refetch (the background check
  // follows seconds later). The map refetches its viewport: the server counts a new incident inside
  // its grid cell's cluster, which the browser cannot reproduce from the rounded clusters it holds
  // (lib/live/patch-incident.ts, addToMap).
  expect(requests.filter((p) => p !== '/api/map')).toEqual([]);
  await expect(page.getByTestId('alert-item').filter({ hasText: name })).toBeVisible();
});

test('the alert panel and the list keep their place while the list loads', async ({ page }) => {
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/api\/incidents\?/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  const list = page.getByRole('region', { name: 'Incidents' });
  await expect(list.getByRole('table')).toHaveAttribute('aria-busy', 'true');
  // The alert panel is rendered on the server with its data; its height is reserved either way.
  await expect(page.getByTestId('alert-counts')).toContainText('firing');
  const before = { list: (await list.boundingBox())!, firstRow: (await list.locator('tbody tr').first().boundingBox())! };
  release();
  await expect(page.getByTestId('incident-row').first()).toBeVisible();
  const after = { list: (await list.boundingBox())!, firstRow: (await page.getByTestId('incident-row').first().boundingBox())! };
  expect(after.list.y).toBe(before.list.y);
  expect(after.firstRow.y).toBe(before.firstRow.y);
});
