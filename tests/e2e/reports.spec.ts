import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import type { WeeklyReport } from '../../lib/reports/types';

const WEEK = '2024-W50';

async function api(page: Page, query: string): Promise<WeeklyReport> {
  const res = await page.request.get(`/api/reports/weekly${query}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as WeeklyReport;
}

async function expectTotals(page: Page, r: WeeklyReport) {
  await expect(page.getByTestId('total-incidents')).toHaveText(String(r.totals.incidents));
  await expect(page.getByTestId('total-killed')).toHaveText(String(r.totals.killed));
  await expect(page.getByTestId('total-injured')).toHaveText(String(r.totals.injured));
}

test('the weekly index lists weeks newest first and highlights the latest complete week', async ({ page }) => {
  const latest = await api(page, '');
  await page.goto('/reports/weekly');
  await expect(page.getByRole('heading', { name: 'Weekly briefs' })).toBeVisible();
  await expect(page.getByTestId('latest-complete-week')).toContainText(latest.week);
  await expect(page.getByTestId('latest-complete-week')).toContainText(`${latest.totals.incidents} incident`);
  const weeks = await page.getByTestId('week-list').getByRole('link').allTextContents();
  expect(weeks.length).toBeGreaterThan(10);
  expect([...weeks].sort().reverse()).toEqual(weeks);
});

test('the weekly page for a known week shows the totals and tables of the API @pg', async ({ page }) => {
  const r = await api(page, `?week=${WEEK}`);
  expect(r.totals.incidents).toBeGreaterThan(0);
  await page.goto(`/reports/weekly/${WEEK}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Weekly brief ${WEEK}`);
  await expectTotals(page, r);
  await expect(page.getByTestId('narrative')).toHaveText(r.narrative);
  await expect(page.getByText('synthetic demo data').first()).toBeVisible();
  const regionRows = page.getByTestId('by-region').locator('tbody tr');
  await expect(regionRows).toHaveCount(5);
  for (const row of r.byRegion) {
    const cells = page.getByTestId('by-region').locator(`tr[data-key="${row.region}"] td`);
    await expect(cells.nth(0)).toHaveText(String(row.incidents));
    await expect(cells.nth(2)).toHaveText(String(row.killed));
  }
  await expect(page.getByTestId('by-group').locator('tbody tr')).toHaveCount(r.byGroup.length);
  const notable = page.getByTestId('notable').getByRole('link');
  await expect(notable).toHaveCount(r.notable.length);
  await expect(notable.first()).toHaveAttribute('href', `/?incident=${r.notable[0].id}`);
  const charts = page.getByTestId('trend-chart').locator('canvas');
  await expect(charts).toHaveCount(2);
  await expect(charts.first()).toBeVisible();
  await expect(page.getByTestId('week-map').locator('circle')).not.toHaveCount(0);
});

test('the region filter narrows the report and lives in the URL', async ({ page }) => {
  await page.goto(`/reports/weekly/${WEEK}`);
  await page.getByRole('combobox', { name: 'Region' }).selectOption('kp');
  await expect(page).toHaveURL(new RegExp(`/reports/weekly/${WEEK}\\?region=kp$`));
  const r = await api(page, `?week=${WEEK}&region=kp`);
  await expectTotals(page, r);
  await expect(page.getByTestId('by-region').locator('tbody tr')).toHaveCount(1);
});

test('CSV and Markdown downloads match the page', async ({ page }) => {
  const r = await api(page, `?week=${WEEK}`);
  await page.goto(`/reports/weekly/${WEEK}`);
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV (incidents)' }).click()]);
  const rows = parse<Record<string, string>>(await readFile(await csvDownload.path(), 'utf8'), { columns: true, bom: true });
  expect(rows).toHaveLength(r.totals.incidents);
  expect(rows.reduce((n, x) => n + Number(x.killed || 0), 0)).toBe(r.totals.killed);
  const [mdDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Markdown (brief)' }).click()]);
  const md = await readFile(await mdDownload.path(), 'utf8');
  const shown = await page.getByTestId('total-incidents').textContent();
  expect(md).toContain(`# Weekly brief ${WEEK}`);
  expect(md).toContain(`- Incidents: ${shown}\n`);
  expect(md).toContain(`- Killed: ${r.totals.killed} (`);
  expect(md).toContain(`- Injured: ${r.totals.injured} (`);
});

test('print media hides the controls and keeps the brief', async ({ page }) => {
  await page.goto(`/reports/weekly/${WEEK}`);
  await page.screenshot({ path: test.info().outputPath('weekly-screen.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByLabel('Narrow the report')).toBeHidden();
  await expect(page.getByRole('link', { name: 'CSV (incidents)' })).toBeHidden();
  await expect(page.getByTestId('total-incidents')).toBeVisible();
  await expect(page.getByTestId('by-region')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('weekly-print.png'), fullPage: true });
  // Chromium's print to PDF: the brief fits on two A4 pages.
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages.length).toBeGreaterThanOrEqual(1);
  expect(pages.length).toBeLessThanOrEqual(2);
});

test('a week that does not exist says so', async ({ page }) => {
  await page.goto('/reports/weekly/2025-W53');
  await expect(page.getByRole('alert').filter({ hasText: 'not a report week' })).toContainText('2025 has 52 ISO weeks');
  const res = await page.request.get('/api/reports/weekly?week=2024-W54');
  expect(res.status()).toBe(400);
});
