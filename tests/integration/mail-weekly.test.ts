// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { GET as weeklyApi } from '@/app/api/reports/weekly/route';
import { builder } from '@/db/engine';
import { groups } from '@/db/schema';
import { computeWeeklyReport, computeWeeklyTrend } from '@/db/queries/weekly';
import { weeklyCsvPieces } from '@/db/queries/weekly-export';
import { composeWeeklyMail } from '@/lib/mail/weekly-mail';
import type { WeeklyReport } from '@/lib/reports/types';
import { closeMailTransport, sendMail } from '@/server/mail/transport';
import { get, useTempDb, type TempDb } from '../support/api-db';
import { mailTableRows, rawHeader, startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { generateInputs, seedGenerated } from '../support/weekly-data';

const TZ = 'Asia/Karachi';
const WEEK = '2024-W50';
const FROM = 'brief@frontier.example';
const ORIGIN = 'http://127.0.0.1:3000';
const HOSTILE = '<img src=x onerror=alert(1)> "Lashkar" & co\r\nBcc: eve@evil.example';
let t: TempDb;
let smtp: TestSmtpServer;
const saved = { url: process.env.SMTP_URL, from: process.env.SMTP_FROM };

beforeAll(async () => {
  t = await useTempDb({ timeZone: TZ });
  // The route's store migrates on first use, which restores the group catalogue: open it first.
  expect((await weeklyApi(get(`/api/reports/weekly?week=${WEEK}`))).status).toBe(200);
  // A group whose name and colour are hostile: both reach the mail from data.
  const [bla] = await builder(t.store).select({ id: groups.id }).from(groups).where(eq(groups.abbreviation, 'BLA'));
  await builder(t.store)
    .update(groups)
    .set({ name: HOSTILE, colour: 'red;background:url(http://evil.example/x.png)' })
    .where(eq(groups.id, bla.id));
  await seedGenerated(t.store, generateInputs(11, 400, '2024-09-20', '2024-12-20'), TZ);
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  process.env.SMTP_FROM = FROM;
});
afterAll(async () => {
  closeMailTransport();
  await smtp.close();
  await t.cleanup();
  for (const [k, v] of [['SMTP_URL', saved.url] as const, ['SMTP_FROM', saved.from] as const])
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
});

async function csvOf(opts: { week: string; timeZone: string }): Promise<string> {
  let csv = '';
  for await (const piece of weeklyCsvPieces(t.store, opts)) csv += piece;
  return csv;
}

const reEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const counts = (r: { incidents: number; killed: number; injured: number }) => [String(r.incidents), String(r.killed), String(r.injured)];

describe('the weekly mail through a real SMTP server', () => {
  it('carries the weekly API figures, the CSV and the unsubscribe headers, with hostile names inert', async () => {
    const opts = { week: WEEK, timeZone: TZ };
    const [report, trend, csv] = await Promise.all([computeWeeklyReport(t.store, opts), computeWeeklyTrend(t.store, opts), csvOf(opts)]);
    const api = (await (await weeklyApi(get(`/api/reports/weekly?week=${WEEK}`))).json()) as WeeklyReport;
    expect(api.totals).toEqual(report.totals);
    expect(report.totals.incidents).toBeGreaterThan(5);
    expect(report.byGroup.some((g) => g.name === HOSTILE)).toBe(true);

    const unsubscribe = `${ORIGIN}/api/subscriptions/unsubscribe?token=v1.1.abc`;
    const mail = composeWeeklyMail({
      report,
      trend,
      filterLabel: `All incidents ${HOSTILE}`,
      csv,
      links: { brief: `${ORIGIN}/reports/weekly/${WEEK}`, unsubscribe, manage: `${ORIGIN}/subscriptions` },
      timeZone: TZ,
      to: 'analyst@ministry.example',
    });
    const receipt = await sendMail(mail);
    const [got] = await smtp.waitForMessages(1);
    expect(got.messageId).toBe(receipt.messageId);

    // Envelope and headers.
    expect(got.from?.value[0].address).toBe(FROM);
    expect(got.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(rawHeader(got.raw, 'List-Unsubscribe')).toBe(`<${unsubscribe}>`);
    expect(rawHeader(got.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(got.headers.has('bcc')).toBe(false);
    expect(got.envelope.to).toEqual(['analyst@ministry.example']);
    expect(got.subject).toMatch(
      /^Frontier Watch weekly brief 2024-W50 — All incidents <img src=x onerror=alert\(1\)> "Lashkar" & co Bcc: eve@evil\.example$/,
    );

    // The CSV, byte for byte.
    expect(got.attachments).toHaveLength(1);
    expect(got.attachments[0].filename).toBe(`frontier-watch-${WEEK}.csv`);
    expect(got.attachments[0].content.equals(Buffer.from(csv, 'utf8'))).toBe(true);

    // The same numbers as the API: totals, region table, group table, trend.
    const html = got.html as string;
    for (const k of ['incidents', 'killed', 'injured'] as const)
      expect(html).toContain(
        `data-total="${k}" style="font-size:24px;font-weight:700;color:#1f2933;font-variant-numeric:tabular-nums">${api.totals[k]}<`,
      );
    const rows = (id: string) => mailTableRows(html, id).slice(1);
    expect(rows('by-region').map((r) => [r[0], r[1], r[3], r[5]])).toEqual(api.byRegion.map((x) => [x.name, ...counts(x)]));
    expect(rows('by-group').map((r) => [r[0], r[1], r[3], r[5]])).toEqual(
      api.byGroup.map((x) => [x.name.replace(/\s+/g, ' '), ...counts(x)]),
    );
    expect(rows('by-type').map((r) => [r[0], r[1], r[3], r[5]])).toEqual(api.byType.map((x) => [x.eventType, ...counts(x)]));
    expect(api.byType.length).toBeGreaterThan(1);
    expect(rows('trend').map((r) => [r[0].split(' ')[0], r[2], r[3], r[4]])).toEqual(api.trend.map((w) => [w.week, ...counts(w)]));

    // Hostile data is text, never markup or a fetched resource.
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/evil\.example\/x|url\(/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &quot;Lashkar&quot; &amp; co');
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    expect(hrefs.length).toBeGreaterThan(3);
    for (const href of hrefs) expect(href.startsWith(`${ORIGIN}/`)).toBe(true);
    for (const n of api.notable) expect(hrefs).toContain(`${ORIGIN}/?incident=${n.id}`);

    // The plain-text part says the same.
    const text = got.text ?? '';
    expect(text).toContain(`Incidents: ${api.totals.incidents} (`);
    expect(text).toContain(`Killed: ${api.totals.killed} (`);
    expect(text).toContain(`Injured: ${api.totals.injured} (`);
    for (const x of api.byRegion)
      expect(text).toMatch(new RegExp(`^${reEscape(x.name)}\\s+${x.incidents}\\s+\\S+\\s+${x.killed}\\s+\\S+\\s+${x.injured}\\s`, 'm'));
    for (const x of api.byType) expect(text).toMatch(new RegExp(`^${reEscape(x.eventType)}\\s+${x.incidents}\\s`, 'm'));
    expect(text).toContain(`against ${api.previous.week} (${api.previous.incidents} incidents, ${api.previous.killed} killed)`);
    expect(text).toContain(`Unsubscribe: ${unsubscribe}`);
  });
});
