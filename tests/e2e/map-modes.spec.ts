import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { e2eStorageState } from '../../playwright.config';

const mode = (page: Page) => page.getByTestId('map-mode');
const status = (page: Page) => page.getByTestId('map-status');

/** Pixels the heat canvas painted (0 when it drew nothing). */
const heatPixels = (page: Page) =>
  page.locator('canvas.fw-heat').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
    return n;
  });

async function expectHeat(page: Page) {
  await expect(mode(page)).toHaveValue('heat');
  await expect(status(page)).toHaveAttribute('data-mode', 'heat');
  await expect(page.locator('canvas.fw-heat')).toBeAttached();
  await expect.poll(() => heatPixels(page)).toBeGreaterThan(100);
  await expect(page.getByTestId('mode-legend')).toContainText('Heat');
}

async function expectHex(page: Page) {
  await expect(mode(page)).toHaveValue('hex');
  await expect(status(page)).toHaveAttribute('data-mode', 'hex');
  await expect(page.locator('path.fw-hex').first()).toBeAttached();
  expect(await page.locator('path.fw-hex').count()).toBe(Number(await status(page).getAttribute('data-features')));
  await expect(page.getByTestId('mode-legend')).toContainText('Incidents per hexagon');
}

test('heat and hexagon modes render, show in the control and survive a reload through the URL', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/?from=2024-01-01');
  await expect(mode(page)).toHaveValue('clusters');
  await expect(status(page)).toHaveAttribute('data-mode', 'clusters');

  await mode(page).selectOption('heat');
  await expect(page).toHaveURL(/[?&]mode=heat/);
  await expect(page).toHaveURL(/from=2024-01-01/);
  await expectHeat(page);
  await page.getByTestId('map-weight').selectOption('killed');
  await expect(page).toHaveURL(/weight=killed/);
  await page.reload();
  await expectHeat(page);
  await expect(page.getByTestId('map-weight')).toHaveValue('killed');

  // Keyboard: the control is a native select, reachable and changed without a pointer.
  await mode(page).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page).toHaveURL(/[?&]mode=hex/);
  await expectHex(page);
  await page.reload();
  await expectHex(page);

  // A filter change keeps the mode.
  await page.goto('/?from=2024-01-01&mode=hex');
  await expectHex(page);
  await mode(page).selectOption('clusters');
  await expect(page).not.toHaveURL(/mode=/);
  await expect(page.locator('path.fw-hex')).toHaveCount(0);
});

test('an unknown mode in the URL is ignored by the dashboard and refused by the API', async ({ page }) => {
  await page.goto('/?mode=dots&weight=everything');
  await expect(mode(page)).toHaveValue('clusters');
  await expect(status(page)).toHaveAttribute('data-mode', 'clusters');
  await expect(status(page)).not.toHaveAttribute('data-features', '');
  const res = await page.request.get('/api/map?mode=dots');
  expect(res.status()).toBe(400);
  expect(await res.text()).toContain('mode');
});

async function open(browser: Browser, colorScheme: 'light' | 'dark', viewport: { width: number; height: number }, path: string) {
  const context = await browser.newContext({ storageState: e2eStorageState, colorScheme, viewport });
  const page = await context.newPage();
  await page.goto(path);
  return page;
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`each mode at 1366×768 and 390×844 in the ${colorScheme} theme: screenshots, and no serious accessibility violation`, async ({
    browser,
  }, testInfo) => {
    for (const m of ['clusters', 'heat', 'hex'] as const) {
      for (const viewport of [
        { width: 1366, height: 768 },
        { width: 390, height: 844 },
      ]) {
        const page = await open(browser, colorScheme, viewport, `/?from=2024-01-01${m === 'clusters' ? '' : `&mode=${m}`}`);
        if (m === 'heat') await expectHeat(page);
        else if (m === 'hex') await expectHex(page);
        else await expect(status(page)).not.toHaveAttribute('data-features', '');
        await expect(page.getByTestId('incident-count').first()).toBeVisible();
        const name = `map-${m}-${viewport.width}x${viewport.height}-${colorScheme}`;
        // Attached to the report and kept under the test's output folder by name.
        await testInfo.attach(name, {
          body: await page.screenshot({ path: testInfo.outputPath(`${name}.png`) }),
          contentType: 'image/png',
        });
        if (viewport.width > 1000) {
          const { violations } = await new AxeBuilder({ page }).analyze();
          const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          const report = blocking.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
          expect(report, report.join('\n\n')).toEqual([]);
        }
        await page.context().close();
      }
    }
  });
}
