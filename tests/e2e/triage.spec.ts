import { expect, test, type Browser, type Page } from '@playwright/test';
import { closeStore, openStore } from '@/db/store';
import { e2eStoreTarget } from './store';
import { createSession } from '@/db/services/sessions';
import { createApiToken } from '@/db/services/tokens';
import { createUser } from '@/db/services/users';

/**
 * /triage against the real server: a report POSTed while the page is open arrives over the live
 * stream, is accepted with the keyboard and shows up on the dashboard's map and list; the same
 * story from a second outlet is merged into that incident (two sources); a viewer reads only.
 */
let token: string;
let viewerCookie: string;

test.beforeAll(async () => {
  const db = openStore(e2eStoreTarget(), { poolMax: 1 });
  token = (await createApiToken(db, { name: 'e2e-triage', role: 'analyst' })).token;
  const run = `${process.pid}-${Date.now()}`;
  const { user } = await createUser(
    db,
    { email: `triage-viewer-${run}@e2e.test`, role: 'viewer', password: 'triage-viewer-password' },
    'e2e',
  );
  viewerCookie = (await createSession(db, user.id)).token;
  await closeStore(db);
});

const auth = () => ({ authorization: `Bearer ${token}` });
const count = async (page: Page) => Number(((await page.getByTestId('triage-count').textContent()) ?? '').replace(/,/g, ''));
const item = (page: Page, id: number) => page.locator(`[data-testid="report-item"][data-report-id="${id}"]`);

/** A report as a news desk would paste it; `stamp` keeps this run's reports apart from earlier ones. */
function bannuReport(stamp: number, outlet: string, lead: string) {
  return {
    title: `Three soldiers martyred as suicide bomber strikes convoy in Bannu`,
    text:
      `BANNU: ${lead} Three soldiers were martyred and five others injured when a suicide bomber rammed an ` +
      'explosives-laden vehicle into a security forces convoy in Bannu district on Tuesday, police said. ' +
      'The banned Tehreek-e-Taliban Pakistan claimed responsibility for the attack.',
    url: `https://${outlet.toLowerCase().replace(/\W+/g, '')}.example/${stamp}`,
    sourceName: outlet,
    publishedAt: new Date().toISOString(),
  };
}

async function postReport(page: Page, body: ReturnType<typeof bannuReport>): Promise<number> {
  const res = await page.request.post('/api/reports', { headers: auth(), data: body });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: number }).id;
}

test('a report arrives live, is accepted with the keyboard, shows on the map and list, and a second outlet merges into it', async ({
  page,
}) => {
  const stamp = Date.now();
  await page.goto('/triage');
  await expect(page.getByRole('heading', { level: 1, name: 'Triage' })).toBeVisible();
  await expect(page.getByTestId('triage-count')).toBeVisible();
  const before = await count(page);

  // Arrives over the stream: no reload, the queue and the navigation's count both move.
  const first = await postReport(page, bannuReport(stamp, 'Dawn', 'A convoy was targeted.'));
  await expect(item(page, first)).toBeVisible();
  await expect.poll(() => count(page)).toBe(before + 1);

  await item(page, first).click();
  const view = page.getByTestId('report-view');
  await expect(view).toHaveAttribute('data-report-id', String(first));
  await expect(view.locator('mark[data-fields~="location"]').first()).toHaveText('Bannu');
  await expect(view.locator('mark[data-fields~="killed"]').first()).toBeVisible();
  await expect(view.getByTestId('report-map').locator('.leaflet-container')).toBeVisible();
  // An analyst's edit travels with the accept as an override: a word to find the incident by.
  const marker = `triage${stamp}`;
  const notes = view.getByLabel('Notes');
  await notes.fill(`${await notes.inputValue()} ${marker}`);
  await notes.blur();

  const accepted = page.waitForResponse((r) => r.url().endsWith(`/api/reports/${first}/accept`));
  await page.keyboard.press('a');
  const res = await accepted;
  expect(res.status(), await res.text()).toBe(201);
  const incidentId = ((await res.json()) as { incident: { id: number } }).incident.id;
  await expect(item(page, first)).toHaveCount(0);
  await expect.poll(() => count(page)).toBe(before);

  const incident = await page.request.get(`/api/incidents/${incidentId}`);
  expect(incident.ok()).toBe(true);
  expect(await incident.json()).toMatchObject({ source: 'report', notes: expect.stringContaining(marker), sourceCount: 1 });

  // The dashboard finds it by the analyst's word: one incident, on the map and in the list.
  await page.goto(`/?from=2024-01-01&q=${marker}`);
  await expect(page.locator(`[data-testid="incident-row"][data-incident-id="${incidentId}"]`)).toBeVisible();
  await expect(page.getByTestId('map-status')).toHaveAttribute('data-total', '1');

  // The same story from another outlet: a second report, offered that incident, merged into it.
  await page.goto('/triage');
  const second = await postReport(page, bannuReport(stamp, 'The Express Tribune', 'Militants struck again.'));
  await expect(item(page, second)).toBeVisible();
  await item(page, second).click();
  await expect(page.getByTestId('report-view')).toHaveAttribute('data-report-id', String(second));
  const candidate = page.locator(`[data-testid="report-candidate"][data-incident-id="${incidentId}"]`);
  await expect(candidate).toBeVisible();
  await candidate.getByRole('radio').check();
  const merged = page.waitForResponse((r) => r.url().endsWith(`/api/reports/${second}/merge`));
  await page.getByTestId('report-merge').click();
  expect((await merged).status()).toBe(200);
  await expect(item(page, second)).toHaveCount(0);

  const after = (await (await page.request.get(`/api/incidents/${incidentId}`)).json()) as {
    sourceCount: number;
    sourceRecords: { reportId: number }[];
  };
  expect(after.sourceCount).toBe(2);
  expect(after.sourceRecords.map((r) => r.reportId).sort()).toEqual([first, second].sort());
  // …and the incident's detail on the dashboard lists both reports.
  await page.goto(`/?from=2024-01-01&q=${marker}&incident=${incidentId}`);
  await expect(page.getByTestId('incident-source-records').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('incident-detail')).toContainText('2 sources');

  // The decided report still opens, read-only, saying what became of it.
  await page.goto(`/triage?status=merged&report=${second}`);
  await expect(page.getByTestId('report-decided')).toContainText(`Merged into incident #${incidentId}`);
  await expect(page.getByTestId('report-merge')).toHaveCount(0);
});

test('a report decided elsewhere meanwhile answers "already decided" and leaves the queue', async ({ page }) => {
  const stamp = Date.now();
  const id = await postReport(page, bannuReport(stamp, 'Geo News', 'Officials confirmed the toll.'));
  // Without the live stream the page cannot learn of the other decision before it tries its own.
  await page.route(/\/api\/stream/, (r) => r.abort());
  await page.goto(`/triage?report=${id}`);
  await expect(page.getByTestId('report-view')).toHaveAttribute('data-report-id', String(id));
  const other = await page.request.post(`/api/reports/${id}/dismiss`, { headers: auth(), data: { reason: 'covered by another desk' } });
  expect(other.status()).toBe(200);
  const refused = page.waitForResponse((r) => r.url().endsWith(`/api/reports/${id}/dismiss`));
  await page.keyboard.press('d');
  expect((await refused).status()).toBe(409);
  await expect(page.getByTestId('decision-error')).toContainText('already dismissed');
  // The page refreshed the report: it shows the other decision and offers none.
  await expect(page.getByTestId('report-decided')).toContainText('Dismissed');
  await expect(page.getByTestId('report-decided')).toContainText('covered by another desk');
  await expect(page.getByTestId('report-dismiss')).toHaveCount(0);
  await expect(item(page, id)).toHaveCount(0);
});

async function viewerPage(browser: Browser): Promise<Page> {
  const base = new URL(test.info().project.use.baseURL!);
  const ctx = await browser.newContext({
    storageState: {
      cookies: [
        {
          name: 'fw_session',
          value: viewerCookie,
          domain: base.hostname,
          path: '/',
          expires: -1,
          httpOnly: true,
          secure: false,
          sameSite: 'Lax',
        },
      ],
      origins: [],
    },
  });
  return ctx.newPage();
}

test('a viewer reads the queue and the report but cannot decide, and the server refuses if asked', async ({ page, browser }) => {
  const id = await postReport(page, bannuReport(Date.now(), 'Voice of America', 'Residents heard the blast.'));
  const viewer = await viewerPage(browser);
  await viewer.goto(`/triage?report=${id}`);
  await expect(viewer.getByTestId('report-view')).toHaveAttribute('data-report-id', String(id));
  await expect(viewer.getByTestId('triage-count')).toBeVisible();
  await expect(viewer.getByTestId('triage-read-only')).toBeVisible();
  for (const button of ['report-accept', 'report-merge', 'report-dismiss']) await expect(viewer.getByTestId(button)).toHaveCount(0);
  await expect(viewer.getByLabel('Notes')).toBeDisabled();
  // Shortcuts do nothing either: the report is still new.
  await viewer.keyboard.press('a');
  const res = await viewer.request.post(`/api/reports/${id}/accept`, { data: {}, headers: { origin: new URL(viewer.url()).origin } });
  expect(res.status()).toBe(403);
  expect(((await (await page.request.get(`/api/reports/${id}`)).json()) as { status: string }).status).toBe('new');
  await viewer.context().close();
  // Leave nothing in the shared queue for other specs.
  await page.request.post(`/api/reports/${id}/dismiss`, { headers: auth(), data: {} });
});
