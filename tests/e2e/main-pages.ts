import { expect, type Page } from '@playwright/test';

/**
 * The product's main pages, each with what it shows once its data is in: the phone checks and
 * the screenshots go through the same list. `anonymous`: looked at signed out.
 */
export interface MainPage {
  name: string;
  path: string;
  ready: (page: Page) => Promise<void>;
  anonymous?: boolean;
}

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
};

/** Count, map and alert counts loaded (the alert panel may be folded into its sheet on a phone). */
export const dashboardReady = async (page: Page) => {
  await expect(page.getByTestId('incident-count').first()).not.toHaveText('–');
  await expect(page.getByTestId('map-status')).not.toHaveAttribute('data-total', '');
  await expect(page.getByTestId('alert-counts')).toContainText('firing');
  await expect(page.getByTestId('incident-row').first()).toBeAttached();
};

export const MAIN_PAGES: MainPage[] = [
  { name: 'dashboard', path: '/?from=2024-01-01', ready: dashboardReady },
  { name: 'weekly-briefs', path: '/reports/weekly', ready: heading('Weekly briefs') },
  {
    name: 'weekly-brief',
    path: '/reports/weekly/2024-W50',
    ready: async (page) => {
      await expect(page.getByTestId('trend-chart').locator('canvas')).toHaveCount(2);
      await expect(page.getByTestId('week-map').locator('circle').first()).toBeVisible();
    },
  },
  {
    name: 'rules',
    path: '/rules',
    ready: async (page) => {
      await heading('Alert rules')(page);
      await expect(page.getByRole('heading', { name: 'Webhook deliveries' })).toBeVisible();
    },
  },
  {
    name: 'sites',
    path: '/sites',
    ready: async (page) => {
      await heading('Watched sites')(page);
      await expect(page.getByTestId('site-item').first()).toBeVisible();
    },
  },
  {
    name: 'triage',
    path: '/triage',
    ready: async (page) => {
      await heading('Triage')(page);
      await expect(page.getByTestId('queue-total')).not.toHaveText('–');
    },
  },
  { name: 'admin-users', path: '/admin/users', ready: heading('Users') },
  { name: 'admin-tokens', path: '/admin/tokens', ready: heading('API tokens') },
  { name: 'admin-sources', path: '/admin/sources', ready: heading('Feed sources') },
  { name: 'admin-audit', path: '/admin/audit', ready: heading('Audit trail') },
  { name: 'sign-in', path: '/sign-in', ready: heading('Sign in to Frontier Watch'), anonymous: true },
];

/** Elements wider than the viewport (the page scrolls sideways because of them), for the failure message. */
export const overflowing = (page: Page) =>
  page.evaluate(() => {
    const w = window.innerWidth;
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: w,
      culprits: [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > w + 0.5)
        .slice(0, 8)
        .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (right ${Math.round(e.getBoundingClientRect().right)})`),
    };
  });
