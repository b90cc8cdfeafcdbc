import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { e2eApiToken } from './store';

let token: string;

test.beforeAll(async () => {
  token = await e2eApiToken('e2e-dashboard');
});

/** Fails the test if the page talks to anything but the local server or opens a dialog. */
function guard(page: Page): { external: string[]; dialogs: string[] } {
  const seen = { external: [] as string[], dialogs: [] as string[] };
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['data:', 'blob:'].includes(u.protocol)) seen.external.push(r.url());
  });
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  return seen;
}

const countOf = async (page: Page) => Number(((await page.getByTestId('incident-count').textContent()) ?? '').replace(/,/g, ''));
const mapTotal = async (page: Page) => Number(await page.getByTestId('map-status').getAttribute('data-total'));

async function apiTotal(page: Page, search: string): Promise<{ total: number; firstId: number | null }> {
  const params = new URLSearchParams(search);
  params.delete('incident');
  params.set('limit', '1');
  const res = await page.request.get(`/api/incidents?${params}`);
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as { total: number; items: { id: number }[] };
  return { total: body.total, firstId: body.items[0]?.id ?? null };
}

/** Waits until count, map and list all agree with GET /api/incidents for the page's URL. */
async function expectConsistent(page: Page) {
  await expect
    .poll(
      async () => {
        const api = await apiTotal(page, new URL(page.url()).search);
        const rows = await page.getByTestId('incident-row').count();
        const first = rows ? Number(await page.getByTestId('incident-row').first().getAttribute('data-incident-id')) : null;
        const actual = { count: await countOf(page), map: await mapTotal(page), firstRow: first };
        const expected = { count: api.total, map: api.total, firstRow: api.firstId };
        return JSON.stringify(actual) === JSON.stringify(expected) ? 'consistent' : JSON.stringify({ actual, expected });
      },
      { timeout: 10_000 },
    )
    .toBe('consistent');
}

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot(), contentType: 'image/png' });
}

async function postIncident(page: Page, body: Record<string, unknown>): Promise<{ id: number }> {
  const res = await page.request.post('/api/incidents', { headers: { authorization: `Bearer ${token}` }, data: body });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: number };
}

const base = {
  country: 'PK',
  admin1: 'Khyber Pakhtunkhwa',
  location: 'Bannu',
  lat: 32.985,
  lon: 70.604,
  eventType: 'Explosions/Remote violence',
  subEventType: 'Remote explosive/landmine/IED',
  group: 'TTP',
};

test('the map renders regions, basemap and incidents offline @pg', async ({ page }, testInfo) => {
  const seen = guard(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  await expect(page.locator('path.fw-region')).toHaveCount(4);
  await expect(page.locator('.leaflet-pane canvas').first()).toBeAttached();
  await expect(page.getByText('approximate area')).toBeVisible();
  await expect(page.getByText('Natural Earth | GeoNames (CC-BY 4.0)')).toBeVisible();
  await expect(page.getByTestId('demo-badge')).toHaveText('synthetic demo data');
  await expectConsistent(page);
  expect(Number(await page.getByTestId('map-status').getAttribute('data-features'))).toBeGreaterThan(0);
  await screenshot(page, testInfo, 'dashboard-1366x768');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, testInfo, 'dashboard-phone');
  expect(seen.external).toEqual([]);
});

test('a group and a preset change the URL, count, list and map together; the URL reproduces the view @pg', async ({
  page,
  context,
}, testInfo) => {
  guard(page);
  await page.goto('/');
  const all = await countOf(page);
  await page.locator('summary', { hasText: 'Group' }).click();
  await page.getByRole('checkbox', { name: /Tehrik-i-Taliban Pakistan/ }).check();
  await expect(page).toHaveURL(/[?&]group=ttp(&|$)/);
  await page.getByRole('button', { name: '1 y' }).click();
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}.*to=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByRole('button', { name: '1 y' })).toHaveAttribute('aria-pressed', 'true');
  await expectConsistent(page);
  expect(await countOf(page)).toBeLessThan(all);
  await screenshot(page, testInfo, 'filtered-ttp-1y');

  const copied = page.url();
  const other = await context.newPage();
  await other.goto(copied);
  await expect(other.getByRole('button', { name: '1 y' })).toHaveAttribute('aria-pressed', 'true');
  await expectConsistent(other);
  expect(await countOf(other)).toBe(await countOf(page));

  await page.goBack();
  await expect(page).not.toHaveURL(/from=/);
  await expectConsistent(page);
});

test('dragging on the timeline sets from/to; the choropleth toggle shades regions with a legend', async ({ page }) => {
  guard(page);
  await page.goto('/?from=2024-01-01&to=2024-03-31');
  // The canvas chart's event layer (uPlot) takes the drag.
  const chart = page.getByTestId('timeline').locator('.u-over');
  await expect(chart).toBeVisible();
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 5 });
  await page.mouse.up();
  // The starting URL matches the pattern below too: wait for the drag to replace it first.
  await expect(page).not.toHaveURL(/from=2024-01-01&to=2024-03-31/);
  await expect(page).toHaveURL(/from=2024-0[1-3]-\d\d&to=2024-0[1-3]-\d\d/);
  const url = new URL(page.url());
  expect(url.searchParams.get('from')! > '2024-01-01').toBe(true);
  expect(url.searchParams.get('to')! < '2024-03-31').toBe(true);
  await expectConsistent(page);

  await page.getByLabel('Region shading').selectOption('count');
  await expect(page.getByText('Incidents per region')).toBeVisible();
  await expect(page.locator('path.fw-region-kp')).not.toHaveAttribute('fill', 'transparent');
});

test('the detail panel shows every field and renders hostile text as text', async ({ page }) => {
  const seen = guard(page);
  const { id } = await postIncident(page, {
    ...base,
    sourceId: `e2e-xss-${Date.now()}`,
    occurredAt: '2024-12-10',
    timePrecision: 3,
    killed: 3,
    injured: 5,
    killedBy: { security: 2, civilians: 1 },
    target: 'security-forces',
    claimStatus: 'claimed',
    verification: 'confirmed',
    sources: ['https://example.org/report', 'javascript:alert(1)', 'Dawn'],
    notes: '<img src=x onerror=alert(1)>',
  });
  await page.goto(`/?incident=${id}`);
  const panel = page.getByTestId('incident-detail');
  await expect(panel.getByTestId('incident-notes')).toHaveText('<img src=x onerror=alert(1)>');
  for (const label of ['When', 'Where', 'Group', 'Type', 'Casualties', 'Target', 'Verification', 'Sources', 'Notes']) {
    await expect(panel.locator('dt', { hasText: new RegExp(`^${label}$`) })).toBeVisible();
  }
  await expect(panel).toContainText('Dec 2024, month precision');
  await expect(panel).toContainText('Bannu');
  await expect(panel).toContainText('Tehrik-i-Taliban Pakistan');
  await expect(panel).toContainText('claimed');
  await expect(panel).toContainText('Remote explosive/landmine/IED');
  await expect(panel).toContainText('3 killed');
  await expect(panel).toContainText('2 security');
  await expect(panel).toContainText('Security forces');
  await expect(panel).toContainText('Confirmed');
  const link = panel.getByRole('link', { name: 'https://example.org/report' });
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(panel.getByRole('link', { name: /javascript/ })).toHaveCount(0);
  await expect(panel).toContainText('javascript:alert(1)');
  await expect(panel.locator('img')).toHaveCount(0);
  await page.getByRole('button', { name: 'Close incident details' }).click();
  await expect(page).not.toHaveURL(/incident=/);
  expect(seen.dialogs).toEqual([]);
});

test('an incident POSTed through the API appears on an open page within 5 s @pg', async ({ page }, testInfo) => {
  guard(page);
  await page.goto('/');
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  await expectConsistent(page);
  const before = await countOf(page);
  const { id } = await postIncident(page, {
    ...base,
    sourceId: `e2e-live-${Date.now()}`,
    occurredAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    killed: 2,
  });
  await expect.poll(() => countOf(page), { timeout: 5000 }).toBe(before + 1);
  await expect(page.getByTestId('new-count')).toHaveText('1 new', { timeout: 5000 });
  await expect(page.locator(`[data-testid="incident-row"][data-incident-id="${id}"]`)).toBeVisible({ timeout: 5000 });
  await expect.poll(() => mapTotal(page), { timeout: 5000 }).toBe(before + 1);
  await screenshot(page, testInfo, 'live-incident');
});
