import { expect, test, type Page } from '@playwright/test';
import { startFeedServer, type FeedServer } from '../support/feed-server';

/**
 * The admin's feed sources page against a real feed server on loopback: a source is added, fetched
 * now and shows its reports; a broken feed shows its last error and stays listed.
 */
let feeds: FeedServer;
test.beforeAll(async () => {
  feeds = await startFeedServer();
});
test.afterAll(() => feeds.close());

async function addSource(page: Page, name: string, url: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Add source' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel(/Feed URL/).fill(url);
  await form.getByRole('button', { name: 'Add source' }).click();
  await expect(form.getByRole('status')).toContainText(`Added ${name}`);
}

test('an admin adds a feed, fetches it now, and sees a broken feed’s error', async ({ page }) => {
  const run = Date.now().toString(36);
  await page.goto('/admin/sources');
  await expect(page.getByRole('heading', { level: 1, name: 'Feed sources' })).toBeVisible();

  const good = `Loopback wire ${run}`;
  await addSource(page, good, `${feeds.base}/atom?run=${run}`);
  const goodRow = page.getByTestId('source-row').filter({ hasText: good });
  await expect(goodRow).toBeVisible();
  await goodRow.getByRole('button', { name: `Fetch now ${good}` }).click();
  // The scheduler may have fetched it first (a new source is due at once): either way two reports.
  await expect(page.getByTestId('source-row').filter({ hasText: good }).locator('td').nth(6)).toHaveText('2');
  await expect(page.getByTestId('source-row').filter({ hasText: good }).getByTestId('source-error')).toHaveText('—');

  const bad = `Broken wire ${run}`;
  await addSource(page, bad, `${feeds.base}/malformed?run=${run}`);
  await page
    .getByTestId('source-row')
    .filter({ hasText: bad })
    .getByRole('button', { name: `Fetch now ${bad}` })
    .click();
  await expect(page.getByTestId('source-row').filter({ hasText: bad }).getByTestId('source-error')).toContainText('malformed XML');

  await page
    .getByTestId('source-row')
    .filter({ hasText: bad })
    .getByRole('button', { name: `Disable ${bad}` })
    .click();
  await expect(page.getByTestId('source-row').filter({ hasText: bad }).locator('td').nth(5)).toHaveText('disabled');
});
