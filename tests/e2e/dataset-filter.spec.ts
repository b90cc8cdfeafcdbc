import { expect, test, type Page } from '@playwright/test';
import { e2eApiToken } from './store';

/** The Dataset picker (`source=`): it lands in the URL and the count follows GET /api/incidents. */
let token: string;

test.beforeAll(async () => {
  token = await e2eApiToken('e2e-dataset-filter');
});

const countOf = async (page: Page) => Number(((await page.getByTestId('incident-count').textContent()) ?? '').replace(/,/g, ''));

async function apiTotal(page: Page, search: string): Promise<number> {
  const params = new URLSearchParams(search);
  params.set('limit', '1');
  const res = await page.request.get(`/api/incidents?${params}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { total: number }).total;
}

test('the Dataset picker narrows the count to the chosen datasets and lives in the URL', async ({ page }) => {
  // The demo data holds no ACLED row: one posted as ACLED's makes the narrowed count known.
  const res = await page.request.post('/api/incidents', {
    headers: { authorization: `Bearer ${token}` },
    data: {
      source: 'acled',
      sourceId: `E2E-DS-${Date.now()}`,
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      country: 'PK',
      admin1: 'Khyber Pakhtunkhwa',
      location: 'Bannu',
      lat: 32.985,
      lon: 70.604,
      eventType: 'Battles',
      subEventType: 'Armed clash',
      group: 'TTP',
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  await page.goto('/');
  await expect.poll(() => countOf(page)).toBeGreaterThan(1);
  const all = await countOf(page);
  await page.locator('summary', { hasText: 'Dataset' }).click();
  await page.getByRole('checkbox', { name: 'ACLED' }).check();
  await expect(page).toHaveURL(/[?&]source=acled(&|$)/);
  const acled = await apiTotal(page, 'source=acled');
  expect(acled).toBeGreaterThanOrEqual(1);
  expect(acled).toBeLessThan(all);
  await expect.poll(() => countOf(page)).toBe(acled);
  await page.getByRole('checkbox', { name: 'Demo' }).check();
  await expect(page).toHaveURL(/[?&]source=acled%2Cdemo|[?&]source=acled,demo/);
  await expect.poll(() => countOf(page)).toBe(await apiTotal(page, 'source=acled,demo'));
  // The URL alone reproduces the view.
  await page.goto('/?source=acled');
  await expect.poll(() => countOf(page)).toBe(acled);
});
