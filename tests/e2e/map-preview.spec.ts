import { expect, test } from '@playwright/test';

// The dashboard opens at zoom 5 on 31.5° N 67.5° E (components/map/map-view.tsx). Khyber
// Pakhtunkhwa's label point projects to (94, -70) px from that centre (tests/unit/map-preview.test.ts).
const KP_OFFSET = { x: 94, y: -70 };

test.describe('the map before its code has loaded (JavaScript off: what a slow link shows first)', () => {
  test.use({ javaScriptEnabled: false });

  test('the server draws the opening view at the map’s own scale, with the regions’ names and a loading note', async ({ page }) => {
    await page.goto('/?from=2000-01-01');
    const map = page.getByTestId('map');
    const preview = page.getByTestId('map-preview');
    await expect(preview).toBeVisible();
    await expect(map.getByText('Loading map…')).toBeVisible();
    // One SVG unit per CSS pixel: a page-wide rule once shrank it to the map's width.
    const svg = await preview.locator('svg').boundingBox();
    expect(svg?.width).toBe(2000);
    const mapBox = (await map.boundingBox())!;
    const label = (await preview.getByText('Khyber Pakhtunkhwa').boundingBox())!;
    expect(Math.abs(label.x + label.width / 2 - (mapBox.x + mapBox.width / 2) - KP_OFFSET.x)).toBeLessThanOrEqual(2);
    expect(Math.abs(label.y + label.height / 2 - (mapBox.y + mapBox.height / 2) - KP_OFFSET.y)).toBeLessThanOrEqual(2);
    for (const name of ['Balochistan', 'Barmal', 'Tajikistan']) await expect(preview.getByText(name, { exact: true })).toBeVisible();
    // A picture, not content: screen readers get the status line instead.
    await expect(preview).toHaveAttribute('aria-hidden', 'true');
  });
});

test('the Leaflet map replaces the picture once its code has run', async ({ page }) => {
  await page.goto('/?from=2000-01-01');
  await expect(page.locator('.leaflet-container')).toBeVisible();
  await expect(page.getByTestId('map-preview')).toHaveCount(0);
  await expect(page.getByTestId('map').getByText('Loading map…')).toHaveCount(0);
});
