import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { e2eStorageState } from '../../playwright.config';

/**
 * One look (issue 20, item 7): every date field reads "5 Dec 2026" (never the browser's
 * mm/dd/yyyy), typed dates in the accepted forms reach the URL or form value as YYYY-MM-DD,
 * the calendar popover works by keyboard and passes axe in both themes, no page has a native
 * date input, tables use tabular figures, and every page is photographed at 1366×768 and
 * 390×844 in the light and the dark theme (attached to the report).
 */
const DATE_SHOWN = /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec) \d{4}( \d{2}:\d{2})?$/;

async function axeClean(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
  expect(report, report.join('\n\n')).toEqual([]);
}

test('dashboard: From/To read "5 Dec 2024", typed dates in every accepted form reach the URL, the calendar picks by keyboard', async ({
  page,
}) => {
  await page.goto('/?from=2024-12-05&to=2024-12-20');
  const from = page.getByTestId('filter-from');
  await expect(from).toHaveValue('5 Dec 2024');
  await expect(page.getByTestId('filter-to')).toHaveValue('20 Dec 2024');

  await from.fill('2024-11-03');
  await from.press('Enter');
  await expect(page).toHaveURL(/[?&]from=2024-11-03(&|$)/);
  await expect(from).toHaveValue('3 Nov 2024');

  // Numerals are read day first (the documented choice): 05/10/2024 is 5 October.
  await from.fill('05/10/2024');
  await from.press('Tab');
  await expect(page).toHaveURL(/[?&]from=2024-10-05(&|$)/);
  await expect(from).toHaveValue('5 Oct 2024');

  await from.fill('1 September 2024');
  await from.press('Enter');
  await expect(page).toHaveURL(/[?&]from=2024-09-01(&|$)/);
  await expect(from).toHaveValue(DATE_SHOWN);

  // A date that does not exist is refused with a reason, and the URL keeps the last good one.
  await from.fill('31 Feb 2024');
  await from.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: '31 Feb 2024' })).toContainText('5 Dec 2026');
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/[?&]from=2024-09-01(&|$)/);
  await from.press('Escape');
  await expect(from).toHaveValue(/^1 Sept? 2024$/);

  // The calendar: opens on the chosen day, arrows move, Enter picks, focus returns to the button.
  const toggle = page.getByRole('button', { name: 'Calendar: From' });
  await toggle.click();
  const dialog = page.getByRole('dialog', { name: 'From calendar' });
  await expect(dialog.getByRole('grid')).toBeVisible();
  await expect(dialog.locator('[aria-selected="true"]')).toContainText('1');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/[?&]from=2024-09-02(&|$)/);
  await expect(from).toHaveValue(/^2 Sept? 2024$/);
  await expect(toggle).toBeFocused();

  // Open again for axe in both themes; Escape closes it.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await toggle.click();
    await expect(dialog.getByRole('grid')).toBeVisible();
    await axeClean(page);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
});

test('audit trail: date-times read "5 Dec 2026 14:30", round-trip through the GET form, and the form works without JavaScript', async ({
  page,
  browser,
}) => {
  await page.goto('/admin/audit?from=2026-12-01');
  await expect(page.getByTestId('audit-from')).toHaveValue('1 Dec 2026');
  const to = page.getByTestId('audit-to');
  await to.fill('5 Dec 2026 14:30');
  await to.press('Enter');
  await expect(page).toHaveURL(/[?&]to=2026-12-05T14%3A30(&|$)/);
  await expect(page).toHaveURL(/[?&]from=2026-12-01(&|$)/);
  await expect(page.getByTestId('audit-to')).toHaveValue('5 Dec 2026 14:30');
  // A click on Filter straight after typing sends the typed date; an unreadable one is refused.
  await page.getByTestId('audit-from').fill('3 Dec 2026');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/[?&]from=2026-12-03(&|$)/);
  await page.getByTestId('audit-from').fill('3 Dex 2026');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '3 Dex 2026' })).toBeVisible();
  expect(await page.getByTestId('audit-from').evaluate((el) => (el as HTMLInputElement).validity.valid)).toBe(false);
  await expect(page).toHaveURL(/[?&]from=2026-12-03(&|$)/);

  const ctx = await browser.newContext({ javaScriptEnabled: false, storageState: e2eStorageState });
  const plain = await ctx.newPage();
  await plain.goto('/admin/audit');
  await plain.getByTestId('audit-from').fill('2 Dec 2026');
  await plain.getByRole('button', { name: 'Filter' }).click();
  await expect(plain).toHaveURL(/[?&]from=2\+Dec\+2026(&|$)/);
  await expect(plain.getByRole('alert')).toHaveCount(0);
  await expect(plain.getByTestId('audit-from')).toHaveValue('2 Dec 2026');
  await plain.goto('/admin/audit?from=31+Feb+2026');
  await expect(plain.getByRole('alert')).toContainText('from:');
  await ctx.close();
});

test('triage: the draft date and a pasted report’s publication time read like the rest of the app', async ({ page }) => {
  const baseURL = test.info().project.use.baseURL!;
  const res = await page.request.post('/api/reports', {
    headers: { origin: baseURL },
    data: {
      title: 'Militants attack check post in Lakki Marwat',
      text: 'LAKKI MARWAT: Two policemen were martyred when militants attacked a check post in Lakki Marwat district on Friday, police said.',
      sourceName: 'Dawn',
    },
  });
  expect(res.ok(), await res.text()).toBe(true);
  const id = ((await res.json()) as { id: number }).id;
  await page.goto(`/triage?report=${id}`);
  await page.locator(`[data-testid="report-item"][data-report-id="${id}"]`).click();
  const date = page.getByTestId('draft-date');
  await expect(date).toBeVisible();
  const shown = await date.inputValue();
  if (shown) expect(shown).toMatch(DATE_SHOWN);
  await date.fill('2026-12-04');
  await date.press('Tab');
  await expect(date).toHaveValue('4 Dec 2026');

  await page.getByText('Paste a report').click();
  const published = page.getByTestId('paste-published');
  await published.fill('05/12/2026 09:15');
  await published.press('Tab');
  await expect(published).toHaveValue('5 Dec 2026 09:15');
});

const PAGES = [
  { name: 'dashboard', path: '/?from=2024-01-01', ready: (p: Page) => expect(p.getByTestId('incident-count').first()).not.toHaveText('–') },
  { name: 'weekly-briefs', path: '/reports/weekly', ready: h1('Weekly briefs') },
  {
    name: 'weekly-brief',
    path: '/reports/weekly/2024-W50',
    ready: (p: Page) => expect(p.getByTestId('trend-chart').locator('canvas')).toHaveCount(2),
  },
  { name: 'rules', path: '/rules', ready: (p: Page) => expect(p.getByTestId('rule-row').first()).toBeVisible() },
  { name: 'sites', path: '/sites', ready: (p: Page) => expect(p.getByTestId('site-item').first()).toBeVisible() },
  { name: 'triage', path: '/triage', ready: (p: Page) => expect(p.getByTestId('queue-total')).not.toHaveText('–') },
  { name: 'users', path: '/admin/users', ready: h1('Users') },
  { name: 'tokens', path: '/admin/tokens', ready: h1('API tokens') },
  { name: 'sources', path: '/admin/sources', ready: h1('Feed sources') },
  { name: 'audit', path: '/admin/audit', ready: h1('Audit trail') },
  { name: 'not-found', path: '/no-such-page', ready: h1('Page not found') },
  { name: 'sign-in', path: '/sign-in?signed-out', ready: h1('Sign in to Frontier Watch'), anonymous: true },
];

function h1(name: string) {
  return (p: Page) => expect(p.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function open(browser: Browser, colorScheme: 'light' | 'dark', viewport: { width: number; height: number }, anonymous?: boolean) {
  const storageState = anonymous ? { cookies: [], origins: [] } : e2eStorageState;
  return (await browser.newContext({ storageState, colorScheme, viewport })).newPage();
}

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  const body = await page.screenshot({ fullPage: true, path: testInfo.outputPath(`${name}.png`) });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every page in the ${colorScheme} theme: no native date input, tabular figures in tables, screenshots at 1366×768 and 390×844`, async ({
    browser,
  }, testInfo) => {
    test.setTimeout(240_000);
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ]) {
      for (const c of PAGES) {
        const page = await open(browser, colorScheme, viewport, c.anonymous);
        await page.goto(c.path);
        await c.ready(page);
        await expect(page.locator('input[type="date"], input[type="datetime-local"]'), c.name).toHaveCount(0);
        for (const field of await page.locator('.fw-date-field input[type="text"]').all()) {
          const v = await field.inputValue();
          if (v) expect(v, `${c.name}: a date field`).toMatch(DATE_SHOWN);
        }
        const cell = page.locator('.fw-data td, .report-table td').first();
        if ((await cell.count()) > 0) {
          expect(await cell.evaluate((el) => getComputedStyle(el).fontVariantNumeric), c.name).toContain('tabular-nums');
        }
        // Nothing wider than the screen: tables scroll inside their own box.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${c.name} at ${viewport.width} px overflows by ${overflow} px`).toBeLessThanOrEqual(0);
        await shoot(page, testInfo, `${c.name}-${viewport.width}x${viewport.height}-${colorScheme}`);
        await page.context().close();
      }
    }
  });
}
