import AxeBuilder from '@axe-core/playwright';
import { e2eStorageState } from '../../playwright.config';
import { expect, test, type Browser, type Page } from '@playwright/test';

/**
 * Every page of the app (each app/**\/page.tsx, with a real week and incident where the route or
 * its panels need one), in the light and the dark theme (the app follows the OS colour scheme),
 * checked with axe-core after its data has loaded. A serious or critical violation fails the test.
 */
interface PageCase {
  name: string;
  path: (ids: { incident: number }) => string;
  /** Waits until the page shows its data (axe only sees what is rendered). */
  ready: (page: Page) => Promise<void>;
  /** Who looks at the page: the signed-in admin unless said otherwise. */
  as?: 'anonymous' | 'viewer';
}

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
};

const dashboardReady = async (page: Page) => {
  await expect(page.getByTestId('incident-count').first()).toBeVisible();
  await expect(page.getByTestId('map-status')).not.toHaveAttribute('data-total', '');
  await expect(page.locator('.fw-chart-canvas canvas').first()).toBeVisible();
  await expect(page.getByTestId('alert-counts')).toContainText('firing');
};

/** The queue has loaded and, when it holds a report, that report (text, draft, map) is open. */
const triageReady = async (page: Page) => {
  await heading('Triage')(page);
  await expect(page.getByTestId('queue-total')).not.toHaveText('–');
  if ((await page.getByTestId('report-item').count()) > 0) {
    await expect(page.getByTestId('report-view')).toBeVisible();
    await expect(page.getByTestId('report-map').locator('.leaflet-container, .fw-triage-map-empty').first()).toBeVisible();
  }
};

const sitesReady = async (page: Page) => {
  await heading('Watched sites')(page);
  await expect(page.getByTestId('site-item').first()).toBeVisible();
  await expect(page.locator('.fw-sites-map.leaflet-container')).toBeVisible();
};

const PAGES: PageCase[] = [
  { name: 'dashboard', path: () => '/?from=2024-01-01', ready: dashboardReady },
  {
    name: 'dashboard with an incident open',
    path: ({ incident }) => `/?from=2024-01-01&incident=${incident}`,
    ready: async (page) => {
      await dashboardReady(page);
      await expect(page.getByTestId('incident-detail').locator('dt').first()).toBeVisible();
    },
  },
  { name: 'weekly briefs', path: () => '/reports/weekly', ready: heading('Weekly briefs') },
  {
    name: 'weekly brief',
    path: () => '/reports/weekly/2024-W50',
    ready: async (page) => {
      await expect(page.getByTestId('trend-chart').locator('canvas')).toHaveCount(2);
      await expect(page.getByTestId('week-map').locator('circle').first()).toBeVisible();
    },
  },
  {
    name: 'weekly brief of a week that does not exist',
    path: () => '/reports/weekly/2025-W53',
    ready: async (page) => {
      await expect(page.getByRole('alert').filter({ hasText: 'not a report week' })).toBeVisible();
    },
  },
  { name: 'page not found', path: () => '/no-such-page', ready: heading('Page not found') },
  {
    name: 'alert rules',
    path: () => '/rules',
    ready: async (page) => {
      await heading('Alert rules')(page);
      await expect(page.getByRole('heading', { name: 'Webhook deliveries' })).toBeVisible();
    },
  },
  { name: 'watched sites', path: () => '/sites', ready: sitesReady },
  { name: 'watched sites, read-only for a viewer', path: () => '/sites', ready: sitesReady, as: 'viewer' },
  { name: 'triage', path: () => '/triage', ready: triageReady },
  { name: 'triage, read-only for a viewer', path: () => '/triage', ready: triageReady, as: 'viewer' },
  { name: 'dataset matches', path: () => '/matches', ready: heading('Dataset matches') },
  { name: 'users', path: () => '/admin/users', ready: heading('Users') },
  { name: 'API tokens', path: () => '/admin/tokens', ready: heading('API tokens') },
  { name: 'feed sources', path: () => '/admin/sources', ready: heading('Feed sources') },
  { name: 'audit trail', path: () => '/admin/audit', ready: heading('Audit trail') },
  { name: 'sign-in', path: () => '/sign-in', ready: heading('Sign in to Frontier Watch'), as: 'anonymous' },
  { name: 'not allowed (a viewer on an admin page)', path: () => '/admin/users', ready: heading('Not allowed'), as: 'viewer' },
];

type Scheme = 'light' | 'dark';

// /triage is checked with a report open (its text, map and draft form): one pasted report makes sure the queue has one.
test.beforeAll(async ({ playwright }) => {
  const baseURL = test.info().project.use.baseURL!;
  const ctx = await playwright.request.newContext({ baseURL, storageState: e2eStorageState });
  const res = await ctx.post('/api/reports', {
    headers: { origin: baseURL },
    data: {
      title: 'Two FC personnel martyred in IED blast in Kech',
      text: 'TURBAT: Two Frontier Corps personnel were martyred when an improvised explosive device went off near their vehicle in Kech district on Monday, officials said.',
      sourceName: 'The News',
    },
  });
  expect(res.ok(), await res.text()).toBe(true);
  await ctx.dispose();
});

/** A fresh context without the admin's session. */
const signedOut = (browser: Browser, colorScheme: Scheme) =>
  browser.newContext({ colorScheme, storageState: { cookies: [], origins: [] } });

/** A new viewer account, created by the admin through the users page, signed in in its own context. */
async function viewerPage(admin: Page, browser: Browser, colorScheme: Scheme): Promise<Page> {
  await admin.goto('/admin/users');
  const form = admin.getByRole('form', { name: 'Create user' });
  const email = `a11y-viewer-${colorScheme}-${Date.now()}@e2e.test`;
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption('viewer');
  await form.getByRole('button', { name: 'Create user' }).click();
  const password = (await admin.getByTestId('created-password').textContent()) ?? '';
  const page = await (await signedOut(browser, colorScheme)).newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  return page;
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`accessibility, ${colorScheme} theme`, () => {
    test.use({ colorScheme });
    for (const c of PAGES) {
      test(`${c.name} has no serious or critical axe violation`, async ({ page, browser, request }) => {
        const res = await request.get('/api/incidents?limit=1');
        expect(res.status()).toBe(200);
        const incident = ((await res.json()) as { items: { id: number }[] }).items[0].id;
        const target =
          c.as === 'viewer'
            ? await viewerPage(page, browser, colorScheme)
            : c.as === 'anonymous'
              ? await (await signedOut(browser, colorScheme)).newPage()
              : page;
        await target.goto(c.path({ incident }));
        await c.ready(target);
        const { violations } = await new AxeBuilder({ page: target }).analyze();
        const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        const report = blocking.map(
          (v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`,
        );
        expect(report, report.join('\n\n')).toEqual([]);
        if (target !== page) await target.context().close();
      });
    }
  });
}
