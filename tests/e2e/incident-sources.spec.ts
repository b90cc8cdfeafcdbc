import { expect, test } from '@playwright/test';
import { closeStore, openStore } from '@/db/store';
import { e2eStoreTarget } from './store';
import { createApiToken } from '@/db/services/tokens';
import { insertReports } from '@/db/services/reports';
import type { ReportDraft } from '@/lib/intake/report-types';
import { BANNU } from '../support/bannu-reports';

/**
 * An incident made from one report and corroborated by a second: the detail shows both reports
 * with their figures, the spread beside the adopted toll and the claims ledger; the dashboard's
 * Claim and Min. sources controls select it through the URL.
 */
let token: string;
let reports: number[];

test.beforeAll(async () => {
  const db = openStore(e2eStoreTarget(), { poolMax: 1 });
  token = (await createApiToken(db, { name: 'e2e-sources', role: 'analyst' })).token;
  // The drafts extraction makes of them (the spec cannot load the gazetteer's JSON outside the bundler).
  const place = { country: 'PK', admin1: 'Khyber Pakhtunkhwa', admin2: 'Bannu', location: 'Bannu', lat: 32.9853, lon: 70.604 };
  const type = { eventType: 'Explosions/Remote violence', subEventType: 'Remote explosive/landmine/IED' };
  const drafts: ReportDraft[] = [
    {
      ...place,
      ...type,
      occurredAt: '2026-11-03',
      timePrecision: 1,
      geoPrecision: 1,
      group: 'ttp',
      claimStatus: 'claimed',
      target: 'security-forces',
      killed: 4,
      injured: 2,
      killedBy: { security: 4, civilians: 0, militants: 0 },
      injuredBy: null,
      crossBorder: false,
      sources: [BANNU.first.url],
      notes: BANNU.first.title,
    },
    {
      ...place,
      ...type,
      occurredAt: '2026-11-03',
      timePrecision: 1,
      geoPrecision: 1,
      group: 'hafiz-gul-bahadur',
      claimStatus: 'disputed',
      target: 'security-forces',
      killed: 6,
      injured: null,
      killedBy: null,
      injuredBy: null,
      crossBorder: false,
      sources: [BANNU.followUp.url],
      notes: BANNU.followUp.title,
    },
  ];
  const rows = [BANNU.first, BANNU.followUp].map((r, i) => {
    return {
      sourceId: null,
      sourceName: r.sourceName,
      itemKey: `${r.url}#e2e-sources`,
      url: r.url,
      title: r.title,
      text: r.text,
      publishedAt: Date.parse(r.publishedAt),
      isIncident: true,
      region: 'kp',
      duplicateOf: null,
      draft: JSON.stringify(drafts[i]),
      spans: '[]',
      candidates: '[]',
      fingerprint: null,
    };
  });
  reports = (await insertReports(db, rows, Date.now())).created;
  await closeStore(db);
});

test('a merged report shows as a second source with its figures and claims; the filters find the incident', async ({ page }) => {
  const auth = { authorization: `Bearer ${token}` };
  const accepted = await page.request.post(`/api/reports/${reports[0]}/accept`, { headers: auth });
  expect(accepted.status(), await accepted.text()).toBe(201);
  const { incident } = (await accepted.json()) as { incident: { id: number } };
  const merged = await page.request.post(`/api/reports/${reports[1]}/merge`, { headers: auth, data: { incidentId: incident.id } });
  expect(merged.status(), await merged.text()).toBe(200);
  const again = await page.request.post(`/api/reports/${reports[1]}/dismiss`, { headers: auth, data: {} });
  expect(again.status()).toBe(409);

  await page.goto(`/?incident=${incident.id}`);
  const detail = page.getByTestId('incident-detail');
  await expect(detail.getByTestId('incident-source-records').getByRole('listitem')).toHaveCount(2);
  await expect(detail.getByRole('link', { name: 'The Express Tribune' })).toHaveAttribute('rel', /noopener/);
  await expect(detail.getByTestId('sources-say-killed')).toHaveText('· sources say 4–6');
  await expect(detail.getByText('(2 sources)')).toBeVisible();
  await expect(detail.getByTestId('incident-claims')).toContainText('denied');

  await page.goto('/');
  await page.locator('summary', { hasText: 'Claim' }).click();
  await page.getByRole('checkbox', { name: /Disputed/ }).check();
  await expect(page).toHaveURL(/[?&]claimStatus=disputed(&|$)/);
  await page.getByLabel('Min. sources').fill('2');
  await expect(page).toHaveURL(/[?&]minSources=2(&|$)/);
  const api = (await (await page.request.get('/api/incidents?claimStatus=disputed&minSources=2&limit=5')).json()) as {
    total: number;
    items: { id: number }[];
  };
  expect(api.items.map((i) => i.id)).toContain(incident.id);
  await expect(page.getByTestId('incident-count')).toHaveText(api.total.toLocaleString('en-US'));
  await expect(page.locator(`[data-testid="incident-row"][data-incident-id="${incident.id}"]`)).toBeVisible();

  // The weekly brief of the reports' week lists the claim and the denial, linked to the incident.
  await page.goto('/reports/weekly/2026-W45');
  const ours = page
    .getByTestId('report-claims')
    .getByRole('listitem')
    .filter({ has: page.locator(`a[href="/?incident=${incident.id}"]`) });
  await expect(ours).toHaveCount(3);
  await expect(ours.filter({ hasText: 'denied' })).toHaveCount(1);
});
