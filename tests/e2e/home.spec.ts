import { expect, test } from '@playwright/test';

// The server was started by playwright.config.ts on a fresh temp database with DEMO_DATA=true.
test('home page shows the demo incident count and labels it as synthetic demo data', async ({ page, request }) => {
  const filter = 'from=2023-01-01';
  const res = await request.get(`/api/incidents?${filter}&limit=1`);
  expect(res.status()).toBe(200);
  const { total } = (await res.json()) as { total: number };
  // At least the calibrated Pakistani attacks of 2023–2025 (303 + 521 + 575, lib/demo/generate.ts) are there.
  expect(total).toBeGreaterThanOrEqual(303 + 521 + 575);

  await page.goto(`/?${filter}`);
  const count = page.getByTestId('incident-count').first();
  await expect(count).toBeVisible();
  await expect.poll(async () => Number((await count.textContent())?.replace(/\D/g, ''))).toBe(total);
  await expect(page.getByText(/synthetic demo data/i).first()).toBeVisible();
});
