import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { e2eApiToken } from './store';

/**
 * Issue 20, items 3–5: alerts on a fresh demo, watched sites from /sites to the map and the rule
 * form, rules built with pickers (and their preview) that fire, axe and screenshots of both pages.
 */
let token: string;
const createdRules: number[] = [];

test.beforeAll(async () => {
  token = await e2eApiToken('e2e-sites-rules');
});

// Other specs share this server: leave no rule behind that could fire for their incidents.
test.afterAll(async ({ request }) => {
  for (const id of createdRules) await request.delete(`/api/alert-rules/${id}`, { headers: { authorization: `Bearer ${token}` } });
});

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
  expect(report, report.join('\n\n')).toEqual([]);
}

/**
 * The site's name is on the dashboard map: placed beside its marker or, when clusters leave it no
 * room (the labels never cover a cluster), shown while the pointer is over its marker.
 */
async function expectSiteNameOnMap(page: Page, name: string) {
  await expect
    .poll(
      async () => {
        if (await page.locator('.fw-site-label', { hasText: name }).isVisible()) return 'placed';
        for (const marker of await page.locator('.leaflet-sites-pane path').all()) {
          const b = await marker.boundingBox();
          if (!b || b.width === 0) continue;
          await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
          if (await page.locator('.fw-label-revealed', { hasText: name }).isVisible()) return 'on hover';
        }
        return 'not on the map';
      },
      { timeout: 10_000 },
    )
    .toMatch(/placed|on hover/);
}

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}

test('a fresh demo shows firing alerts from the starter rules, badged as examples on /rules', async ({ page }) => {
  await page.goto('/');
  const panel = page.getByTestId('alert-panel');
  await expect(panel.getByTestId('alert-item').first()).toBeVisible();
  await expect(panel.getByTestId('count-firing')).not.toHaveText('0 firing');
  await page.goto('/rules');
  const starter = page.getByTestId('rule-row').filter({ hasText: 'Mass casualty: 10 or more killed' });
  await expect(starter).toContainText('example');
  await expect(starter).toContainText('killed ≥ 10');
});

test('a site added on /sites by a map click appears on the dashboard map and in the rule form', async ({ page }) => {
  const name = `E2E site ${Date.now()}`;
  await page.goto('/sites');
  await expect(page.getByTestId('site-item').first()).toBeVisible();
  // Typed coordinates are checked and the error names the field.
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Latitude').fill('95');
  await page.getByLabel('Longitude').fill('71.5');
  await page.getByRole('button', { name: 'Add site' }).click();
  await expect(page.getByText('Latitude: must be between -90 and 90')).toBeVisible();
  // A click on the map fills both coordinates.
  const map = page.locator('.fw-sites-map.leaflet-container');
  await expect(map).toBeVisible();
  const box = (await map.boundingBox())!;
  await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await expect(page.getByLabel('Latitude')).not.toHaveValue('95');
  await page.getByLabel('Kind').selectOption('military');
  await page.getByRole('button', { name: 'Add site' }).click();
  const item = page.getByTestId('site-item').filter({ hasText: name });
  await expect(item).toContainText('Military');

  // Edit keeps it in place under a new name.
  await item.getByRole('button', { name: `Edit ${name}` }).click();
  await page.getByLabel('Name').fill(`${name} HQ`);
  await page.getByRole('button', { name: 'Save site' }).click();
  await expect(page.getByTestId('site-item').filter({ hasText: `${name} HQ` })).toBeVisible();

  await page.goto('/');
  await expectSiteNameOnMap(page, `${name} HQ`);
  await page.getByTestId('sites-toggle').uncheck();
  await expect(page.locator('.fw-site-label')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('sites-toggle')).not.toBeChecked();
  await page.getByTestId('sites-toggle').check();
  await expectSiteNameOnMap(page, `${name} HQ`);

  await page.goto('/rules');
  await page.getByLabel('Kind').selectOption('proximity');
  await page.locator('summary', { hasText: 'Watched sites' }).click();
  await expect(page.getByLabel(`${name} HQ`)).toBeVisible();

  // Deleted from /sites, it leaves the list (and no proximity rule of another spec can meet it).
  await page.goto('/sites');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: `Delete ${name} HQ` }).click();
  await expect(page.getByTestId('site-item').filter({ hasText: name })).toHaveCount(0);
});

test('a rule built with the pickers previews its history and fires on a posted incident', async ({ page }) => {
  const name = `E2E picker rule ${Date.now()}`;
  await page.goto('/rules');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Kind').selectOption('mass-casualty');
  await page.getByLabel('Killed ≥').fill('3');
  await page.locator('summary', { hasText: 'Groups' }).click();
  await page.getByLabel('ISKP · Islamic State Khorasan Province').check();
  await page.keyboard.press('Escape');
  await page.locator('summary', { hasText: 'Regions' }).click();
  await page.getByLabel('Khyber Pakhtunkhwa').check();
  await page.keyboard.press('Escape');
  await page.locator('summary', { hasText: 'Event types' }).click();
  await page.getByLabel('Explosions/Remote violence › Suicide bomb').check();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('rule-preview-count')).toHaveText(/Would have fired [\d,]+ times? in the last 90 days\./);
  await expect(page.getByTestId('rule-preview')).not.toHaveAttribute('aria-busy', 'true');
  await page.getByRole('button', { name: 'Create rule' }).click();
  const row = page.getByTestId('rule-row').filter({ hasText: name });
  await expect(row).toContainText('Groups: ISKP');
  await expect(row).toContainText('Regions: Khyber Pakhtunkhwa');
  const rules = (await (await page.request.get('/api/alert-rules')).json()) as { items: { id: number; name: string; scope: unknown }[] };
  const rule = rules.items.find((r) => r.name === name)!;
  createdRules.push(rule.id);
  expect(rule.scope).toEqual({ group: ['iskp'], region: ['kp'], type: ['Suicide bomb'] });

  const res = await page.request.post('/api/incidents', {
    headers: { authorization: `Bearer ${token}` },
    data: {
      occurredAt: new Date(Date.now() - 600_000).toISOString(),
      country: 'PK',
      admin1: 'Khyber Pakhtunkhwa',
      location: 'Peshawar',
      lat: 34.01,
      lon: 71.58,
      eventType: 'Explosions/Remote violence',
      subEventType: 'Suicide bomb',
      group: 'ISKP',
      killed: 4,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  await page.goto('/');
  await expect(page.getByTestId('alert-panel').getByTestId('alert-item').filter({ hasText: name })).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`/sites and /rules: no serious axe violation, screenshots at 1366×768 and 390×844 (${colorScheme})`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme });
    for (const size of [
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      await page.goto('/sites');
      await expect(page.getByTestId('site-item').first()).toBeVisible();
      await expect(page.locator('.fw-site-label').first()).toBeVisible();
      await axe(page);
      await shoot(page, testInfo, `sites-${size.width}x${size.height}-${colorScheme}`);
      await page.goto('/rules');
      await expect(page.getByTestId('rule-row').first()).toBeVisible();
      // An incomplete rule has no preview: the form starts as a mass-casualty rule without a threshold.
      await expect(page.getByTestId('rule-preview')).toContainText('Complete the rule to preview it');
      await page.getByLabel('Killed ≥').fill('10');
      await expect(page.getByTestId('rule-preview-count')).toBeVisible();
      await page.locator('summary', { hasText: 'Groups' }).click();
      await axe(page);
      await shoot(page, testInfo, `rules-${size.width}x${size.height}-${colorScheme}`);
    }
  });
}
