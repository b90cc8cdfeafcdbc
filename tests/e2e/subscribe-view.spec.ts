import { expect, test } from '@playwright/test';
import { dashboardReady } from './main-pages';

test('Subscribe… in the Views menu opens the subscription form on the filter on screen; the subscription is created with it', async ({
  page,
}) => {
  // A dashboard state with a filter and things that are not one (the display mode, a selected incident).
  await page.goto('/?from=2024-01-01&mode=heat');
  await dashboardReady(page);
  await page.locator('summary', { hasText: 'Group' }).click();
  await page.getByRole('checkbox', { name: /Tehrik-i-Taliban Pakistan/ }).check();
  await expect(page).toHaveURL(/[?&]group=ttp(&|$)/);
  await page.keyboard.press('Escape');

  await page.getByTestId('saved-views').locator('summary').click();
  await page.getByTestId('subscribe-view').click();
  await expect(page).toHaveURL(/\/subscriptions\?/);
  const query = new URL(page.url()).searchParams;
  expect(Object.fromEntries(query)).toEqual({ from: '2024-01-01', group: 'ttp' });

  const form = page.getByTestId('subscription-form');
  const filter = form.getByLabel(/Dashboard filters/);
  await expect(filter).toHaveValue(query.toString());
  await form.getByLabel('Kind').selectOption('alerts');
  await form.getByLabel('Minimum severity').selectOption('warning');
  await form.getByRole('button', { name: 'Subscribe' }).click();
  const item = page.getByTestId('subscription-item').filter({ hasText: 'Alerts, warning and above' });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('from=2024-01-01');
  await expect(item).toContainText('group=ttp');

  // Stored with the filter, not only shown: the API returns it.
  const list = (await (await page.request.get('/api/subscriptions')).json()) as {
    items: { kind: string; minSeverity: string; filter: { query?: string } }[];
  };
  expect(list.items.find((s) => s.kind === 'alerts' && s.minSeverity === 'warning')?.filter.query).toBe(query.toString());

  // Clean up: other specs count subscriptions.
  page.once('dialog', (d) => void d.accept());
  await item.getByRole('button', { name: /Delete|Remove/ }).click();
  await expect(item).toHaveCount(0);
});
