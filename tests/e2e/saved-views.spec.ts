import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const NAME = `Waziristan watch ${Date.now()}`;

/** The map's centre and zoom as the map itself reports them (components/views/map-position.tsx). */
async function mapPosition(page: Page): Promise<{ lat: number; lon: number; zoom: number }> {
  const raw = await page.locator('.leaflet-container').getAttribute('data-position');
  const [lat, lon, zoom] = (raw ?? '').split(',').map(Number);
  return { lat, lon, zoom };
}

/** Clears the admin's start page through the API, so other specs opening `/` are not redirected. */
async function clearStartPage(page: Page) {
  const origin = new URL(page.url()).origin;
  const res = await page.request.put('/api/views/start', { data: { id: null }, headers: { origin, 'sec-fetch-site': 'same-origin' } });
  expect(res.status()).toBe(200);
}

test('a saved view restores its filters, mode and map position after a reload, and can be the start page', async ({ page }) => {
  await page.goto('/?region=kp&group=ttp&mode=hex');
  await expect(page.getByTestId('map-status')).not.toHaveAttribute('data-total', '');
  // Move the map somewhere a fresh load would not start: two zoom steps and a pan.
  // One step at a time: a click during the zoom animation can be lost.
  for (const zoom of [6, 7]) {
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(async () => (await mapPosition(page)).zoom).toBe(zoom);
  }
  const map = page.locator('.leaflet-container');
  const box = (await map.boundingBox())!;
  const before = await mapPosition(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 + 80, { steps: 5 });
  await page.mouse.up();
  // The map reports its position when the pan (and its inertia) ends: read it after that.
  await expect.poll(async () => (await mapPosition(page)).lon).not.toBe(before.lon);
  await expect.poll(async () => (await mapPosition(page)).zoom).toBe(7);
  const saved = await mapPosition(page);

  await page.getByTestId('saved-views').locator('summary').click();
  await page.getByLabel('Save this view as').fill(NAME);
  await page.getByRole('button', { name: 'Save view' }).click();
  await expect(page).toHaveURL(/[?&]view=\d+/);
  await expect(page.getByTestId('saved-views').locator('summary')).toHaveText(`View: ${NAME}`);

  await page.reload();
  const url = new URL(page.url());
  expect(url.searchParams.get('region')).toBe('kp');
  expect(url.searchParams.get('group')).toBe('ttp');
  expect(url.searchParams.get('mode')).toBe('hex');
  await expect.poll(() => mapPosition(page)).toEqual(saved);

  // The list shows it; axe finds nothing serious in the open menu.
  await page.getByTestId('saved-views').locator('summary').click();
  const item = page.getByTestId('saved-view').filter({ hasText: NAME });
  await expect(item).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).include('[data-testid="saved-views"]').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  // Start page: a fresh load of / opens the view; the app's own "all incidents" navigation does not.
  try {
    await item.getByRole('button', { name: 'Make start page' }).click();
    await expect(item.getByText('start page', { exact: true })).toBeVisible();
    await page.goto('/');
    await expect(page).toHaveURL(/region=kp/);
    await expect(page).toHaveURL(/[?&]view=\d+/);
    await expect.poll(() => mapPosition(page)).toEqual(saved);
  } finally {
    await clearStartPage(page);
  }
  await page.goto('/');
  await expect(page).not.toHaveURL(/view=/);

  // Delete it again (the dialog asks first).
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('saved-views').locator('summary').click();
  await page.getByRole('button', { name: `Delete view ${NAME}` }).click();
  await expect(page.getByTestId('saved-view').filter({ hasText: NAME })).toHaveCount(0);
});

test('a shared link of someone else’s private view still opens its filters, without its map position', async ({ page }) => {
  await page.goto('/?region=balochistan&view=999999');
  await expect(page.getByTestId('map-status')).not.toHaveAttribute('data-total', '');
  expect(new URL(page.url()).searchParams.get('region')).toBe('balochistan');
  await expect(page.getByTestId('saved-views').locator('summary')).toHaveText('Views');
  await expect.poll(async () => (await mapPosition(page)).zoom).toBe(5);
});
