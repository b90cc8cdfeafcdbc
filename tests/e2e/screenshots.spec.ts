import { expect, test, type Page } from '@playwright/test';
import { e2eStorageState } from '../../playwright.config';
import { MAIN_PAGES } from './main-pages';

/**
 * Screenshots of every main page at 1366×768 and 390×844, in the light and the dark theme, plus
 * the phone dashboard with its filters drawer and alert panel open: saved in the test's output
 * folder (test-results/) and attached to the HTML report (playwright-report/), to be looked at
 * before a layout change is called done. The checks here only make sure each page has loaded.
 */
const SIZES = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];

for (const colorScheme of ['light', 'dark'] as const) {
  for (const viewport of SIZES) {
    test(`every main page at ${viewport.width}×${viewport.height}, ${colorScheme} theme`, async ({ browser }, testInfo) => {
      // The whole page, or only the screen (a sheet or menu over the page, the phone's first screen).
      const shoot = async (page: Page, name: string, fullPage = true) => {
        const path = testInfo.outputPath(`${name}-${viewport.width}x${viewport.height}-${colorScheme}.png`);
        await page.screenshot({ path, fullPage });
        await testInfo.attach(name, { path, contentType: 'image/png' });
      };
      for (const p of MAIN_PAGES) {
        const context = await browser.newContext({
          viewport,
          colorScheme,
          storageState: p.anonymous ? { cookies: [], origins: [] } : e2eStorageState,
        });
        const page = await context.newPage();
        await page.goto(p.path);
        await p.ready(page);
        // Map labels are placed a frame after the markers settle.
        if (p.name === 'dashboard') await expect(page.getByTestId('place-labels')).toHaveAttribute('data-count', /^[1-9]/);
        await shoot(page, p.name);
        if (p.name === 'dashboard' && viewport.width < 900) {
          await shoot(page, 'dashboard-first-screen', false);
          await page.getByTestId('open-filters').click();
          await expect(page.getByRole('dialog', { name: 'Filters' })).toBeVisible();
          await shoot(page, 'dashboard-filters', false);
          await page.keyboard.press('Escape');
          await page.getByTestId('open-alerts').click();
          await expect(page.getByRole('dialog', { name: 'Alerts' }).getByTestId('alert-item').first()).toBeVisible();
          await shoot(page, 'dashboard-alerts', false);
          await page.keyboard.press('Escape');
          await page.getByTestId('nav-menu').click();
          await shoot(page, 'dashboard-menu', false);
        }
        await context.close();
      }
    });
  }
}
