import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { e2eAdmin } from '../../playwright.config';

test('the subscriptions page creates and lists a subscription, says email is not configured, and passes axe', async ({ page }) => {
  // Opened with dashboard filters, the form starts from them.
  await page.goto('/subscriptions?region=kp&group=ttp');
  await expect(page.getByRole('heading', { name: 'Subscriptions', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Subscriptions' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  // The e2e server runs without SMTP_URL.
  await expect(page.getByText('Email is not configured')).toBeVisible();

  const form = page.getByTestId('subscription-form');
  await expect(form.getByLabel('Email')).toHaveValue(e2eAdmin.email);
  await expect(form.getByLabel(/Dashboard filters/)).toHaveValue('region=kp&group=ttp');
  await form.getByLabel('Kind').selectOption('alerts');
  await form.getByLabel('Minimum severity').selectOption('critical');
  await form.getByRole('button', { name: 'Subscribe' }).click();

  const item = page.getByTestId('subscription-item').filter({ hasText: 'Alerts, critical and above' });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(e2eAdmin.email);
  await expect(item).toContainText('region=kp, group=ttp');

  // A bad filter is refused, naming it, next to the field.
  await form.getByLabel('Kind').selectOption('weekly');
  await form.getByLabel(/Dashboard filters/).fill('from=2024-13-45');
  await form.getByRole('button', { name: 'Subscribe' }).click();
  await expect(form.getByText(/invalid from parameter/)).toBeVisible();

  // Still listed after a reload, with its (empty) delivery log.
  await page.reload();
  await expect(item).toHaveCount(1);
  await item.getByRole('button', { name: 'Delivery log' }).click();
  await expect(item.getByText('Nothing sent yet.')).toBeVisible();

  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  // Clean up, through the page.
  page.once('dialog', (d) => void d.accept());
  await item.getByRole('button', { name: /Delete subscription/ }).click();
  await expect(item).toHaveCount(0);
});
