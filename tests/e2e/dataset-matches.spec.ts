import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { e2eApiToken } from './store';

/** The Matches page: an ACLED then a UCDP import of the same events proposes them; Merge and Undo work from the page. */
test('an import proposes a match; the page merges it and takes it back', async ({ page }) => {
  const token = await e2eApiToken('e2e-dataset-matches');
  for (const [name, format] of [
    ['overlap-acled', 'acled'],
    ['overlap-ucdp', 'ucdp'],
  ]) {
    const res = await page.request.post(`/api/import?format=${format}`, {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      data: readFileSync(`tests/fixtures/datasets/${name}.csv`, 'utf8'),
    });
    expect(res.status(), await res.text()).toBe(200);
  }
  await page.goto('/matches');
  // The demo data may offer more incidents for the UCDP row: the ACLED pair is the one merged.
  const thePair = () => page.getByTestId('match').filter({ hasText: 'ucdp 600001' }).filter({ hasText: 'acled PAK9101' });
  await expect(thePair()).toBeVisible();
  await thePair().getByRole('button', { name: /Merge/ }).click();
  await expect(thePair()).toHaveCount(0);
  await page.getByRole('tab', { name: 'Merged' }).click();
  const merged = thePair();
  await expect(merged).toContainText('merged into A');
  const listed = await page.request.get('/api/incidents?source=ucdp&limit=1000');
  expect(((await listed.json()) as { items: { sourceId: string }[] }).items.map((i) => i.sourceId)).toContain('PAK9101');
  await merged.getByRole('button', { name: /Undo merge/ }).click();
  await expect(thePair()).toHaveCount(0);
  await page.getByRole('tab', { name: 'To review' }).click();
  await expect(thePair()).toBeVisible();
});
