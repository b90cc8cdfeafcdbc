import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { e2eStorageState } from '../../playwright.config';
import { dashboardReady, MAIN_PAGES, overflowing } from './main-pages';

/**
 * The phone layout (issue 20, item 8) at 360×740 and 390×844: no page scrolls sideways, the
 * dashboard is map first with the list below it, the filters live in a modal drawer (focus
 * trapped and returned, Escape and Close), the alert panel is one tap away, the section links sit
 * behind a menu button, and axe finds no serious or critical violation with the drawer open or closed.
 */
const PHONES = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
];

async function open(browser: Browser, viewport: { width: number; height: number }, path: string, anonymous = false): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    hasTouch: true,
    storageState: anonymous ? { cookies: [], origins: [] } : e2eStorageState,
  });
  const page = await context.newPage();
  await page.goto(path);
  return page;
}

async function noBlockingAxe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
  expect(report, report.join('\n\n')).toEqual([]);
}

const height = async (page: Page, testId: string) => (await page.getByTestId(testId).boundingBox())?.height ?? 0;

for (const viewport of PHONES) {
  const size = `${viewport.width}×${viewport.height}`;

  test(`${size}: no main page is wider than the screen`, async ({ browser }) => {
    for (const p of MAIN_PAGES) {
      const page = await open(browser, viewport, p.path, p.anonymous);
      await p.ready(page);
      const o = await overflowing(page);
      // The layout viewport is the phone's width (a page without a viewport meta would lay out at 980 px and pass).
      expect(o.innerWidth).toBe(viewport.width);
      expect.soft(o.scrollWidth, `${p.name}: ${o.culprits.join(', ')}`).toBeLessThanOrEqual(o.innerWidth);
      await page.context().close();
    }
  });

  test(`${size}: the dashboard is map first, filters in a drawer, the list below, alerts one tap away`, async ({ browser }) => {
    const page = await open(browser, viewport, '/?from=2024-01-01');
    await dashboardReady(page);

    // Map first, the list below it (in the page's own scroll), the drawer and alert panel folded away.
    const map = (await page.getByTestId('map').boundingBox())!;
    const row = (await page.getByTestId('incident-row').first().boundingBox())!;
    expect(map.width).toBeGreaterThan(viewport.width - 2);
    expect(row.y).toBeGreaterThan(map.y + map.height);
    await expect(page.getByTestId('filters-drawer')).toBeHidden();
    await expect(page.getByTestId('alert-panel')).toBeHidden();
    for (const id of ['open-filters', 'open-alerts', 'nav-menu']) expect(await height(page, id), id).toBeGreaterThanOrEqual(44);
    await noBlockingAxe(page);

    // The drawer: a modal dialog, focus inside it, the rest of the page inert.
    const opener = page.getByTestId('open-filters');
    await expect(opener).toContainText('1'); // the time window
    await opener.tap();
    const drawer = page.getByRole('dialog', { name: 'Filters' });
    await expect(drawer).toBeVisible();
    await expect(drawer.getByRole('button', { name: 'Close' })).toBeFocused();
    expect(await page.evaluate(() => document.querySelector('.fw-main')?.closest('[inert]') !== null)).toBe(true);
    await noBlockingAxe(page);

    // A group applied in the drawer lands in the URL; the count, map and list follow it.
    const before = await page.getByTestId('incident-count').textContent();
    await drawer.locator('summary', { hasText: 'Group' }).tap();
    await drawer.getByRole('checkbox', { name: /Tehrik-i-Taliban Pakistan/ }).check();
    await expect(page).toHaveURL(/[?&]group=ttp(&|$)/);
    await expect(opener).toContainText('2');
    const api = (await (await page.request.get(`/api/incidents?${new URL(page.url()).searchParams}&limit=1`)).json()) as {
      total: number;
      items: { id: number }[];
    };
    await expect(page.getByTestId('incident-count')).toHaveText(api.total.toLocaleString('en-US'));
    expect(api.total.toLocaleString('en-US')).not.toBe(before);
    await expect(page.getByTestId('map-status')).toHaveAttribute('data-total', String(api.total));
    await expect(page.getByTestId('incident-row').first()).toHaveAttribute('data-incident-id', String(api.items[0].id));

    // Escape closes the open picker first, then the drawer; the focus goes back to the button.
    await page.keyboard.press('Escape');
    await expect(drawer).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    await expect(opener).toBeFocused();
    expect(await page.evaluate(() => document.querySelector('[inert]') === null)).toBe(true);
    // The close button closes it too.
    await opener.tap();
    await drawer.getByRole('button', { name: 'Close' }).tap();
    await expect(drawer).toBeHidden();
    await expect(opener).toBeFocused();

    // The alert panel: one tap, the demo's firing alerts in it.
    const alerts = page.getByTestId('open-alerts');
    await expect(alerts.getByTestId('firing-count')).not.toHaveText(/^(–|0)/);
    await alerts.tap();
    const sheet = page.getByRole('dialog', { name: 'Alerts' });
    await expect(sheet).toBeVisible();
    await expect(sheet.getByTestId('alert-item').first()).toBeVisible();
    await noBlockingAxe(page);
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
    await expect(alerts).toBeFocused();
    await page.context().close();
  });

  test(`${size}: the section links open from the menu button`, async ({ browser }) => {
    for (const path of ['/', '/rules']) {
      const page = await open(browser, viewport, path);
      const nav = page.getByRole('navigation', { name: 'Sections' });
      await expect(nav.getByRole('link', { name: 'Weekly brief' })).toBeHidden();
      await page.getByTestId('nav-menu').tap();
      await expect(page.getByTestId('nav-menu')).toHaveAttribute('aria-expanded', 'true');
      const link = nav.getByRole('link', { name: 'Weekly brief' });
      await expect(link).toBeVisible();
      expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await page.keyboard.press('Escape');
      await expect(link).toBeHidden();
      await expect(page.getByTestId('nav-menu')).toBeFocused();
      await page.context().close();
    }
  });

  test(`${size}: the admin links fold into the same menu instead of wrapping`, async ({ browser }) => {
    const page = await open(browser, viewport, '/admin/users');
    const nav = page.getByRole('navigation', { name: 'Admin' });
    const menu = page.getByTestId('nav-menu');
    await expect(nav.getByRole('link', { name: 'API tokens' })).toBeHidden();
    expect(await height(page, 'nav-menu')).toBeGreaterThanOrEqual(44);
    // Folded, the nav is one row beside the title: the header is no taller than the button.
    const head = (await page.locator('.fw-page-head').boundingBox())!;
    expect(head.height).toBeLessThan(70);
    await menu.tap();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    for (const name of ['Dashboard', 'Users', 'API tokens', 'Feed sources', 'Audit trail']) {
      const link = nav.getByRole('link', { name, exact: true });
      await expect(link).toBeVisible();
      expect((await link.boundingBox())!.height, name).toBeGreaterThanOrEqual(44);
    }
    await expect(nav.getByRole('link', { name: 'Users', exact: true })).toHaveAttribute('aria-current', 'page');
    for (const name of ['Sign out', 'Sign out everywhere']) {
      const button = nav.getByRole('button', { name, exact: true });
      await expect(button).toBeVisible();
      expect((await button.boundingBox())!.height, name).toBeGreaterThanOrEqual(44);
    }
    await noBlockingAxe(page);
    await page.keyboard.press('Escape');
    await expect(nav.getByRole('link', { name: 'API tokens' })).toBeHidden();
    await expect(menu).toBeFocused();
    await page.context().close();
  });
}
