// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { GET as weeklyApi } from '@/app/api/reports/weekly/route';
import { POST as sendRoute } from '@/app/api/subscriptions/[id]/send/route';
import { builder } from '@/db/engine';
import { mailDeliveries } from '@/db/schema';
import { claimDueDeliveries, ledgerEntry, listDeliveries, MAIL_LEASE_MS, queueLedgerWeek } from '@/db/services/mail-deliveries';
import { createSubscription, updateSubscription } from '@/db/services/subscriptions';
import type { WeeklyReport } from '@/lib/reports/types';
import { subscriptionCreateSchema } from '@/lib/subscriptions/schema';
import { closeMailTransport } from '@/server/mail/transport';
import { deliverDueMail } from '@/server/subscriptions/deliver';
import { queueAlertBatches, queueWeeklyDigests } from '@/server/subscriptions/queue';
import { ctx, get, useTempDb, type TempDb } from '../support/api-db';
import { mailTableRows, startSmtpServer } from '../support/smtp';
import { port, signedInUser, useSmtp, type TestUser } from '../support/subscriptions';
import { generateInputs, insertAlerts, seedGenerated } from '../support/weekly-data';

const TZ = 'Asia/Karachi';
const WEEK = '2024-W50';
// Monday 16 Dec 2024 09:00 in Karachi: the brief of 2024-W50 is due (Monday 08:00).
const DUE = Date.parse('2024-12-16T04:00:00Z');
const SCHEDULE = { weekday: 1, hour: 8, minute: 0 };
let t: TempDb;
let smtp: Awaited<ReturnType<typeof useSmtp>>;
let owner: TestUser;

beforeAll(async () => {
  t = await useTempDb({ timeZone: TZ });
  expect((await weeklyApi(get(`/api/reports/weekly?week=${WEEK}`))).status).toBe(200);
  await seedGenerated(t.store, generateInputs(23, 500, '2024-09-20', '2024-12-20'), TZ);
  owner = await signedInUser(t.store, 'viewer');
  smtp = await useSmtp();
});
afterAll(async () => {
  await smtp.restore();
  await t.cleanup();
});

async function subscribe(input: Record<string, unknown>, createdAt = DUE - 86_400_000 * 7): Promise<number> {
  const parsed = subscriptionCreateSchema.parse(input);
  const asker = { id: `user:${owner.id}`, userId: owner.id, admin: false };
  return (await createSubscription(t.store, parsed, asker, createdAt)).subscription.id;
}
const mailsTo = (id: number) => smtp.messages.filter((m) => (m.text ?? '').includes(`token=v1.${id}.`));

describe('weekly mail', () => {
  it("carries the weekly API's totals, region and group tables for the subscription's filter", async () => {
    const id = await subscribe({ kind: 'weekly', filter: { query: 'region=kp,balochistan&type=Battles' } });
    const res = await sendRoute(owner.req(`/api/subscriptions/${id}/send`, 'POST', { week: WEEK }), ctx({ id: String(id) }));
    expect(res.status).toBe(200);
    const { deliveryId, messageId } = (await res.json()) as { deliveryId: number; messageId: string };
    const mail = smtp.messages.find((m) => m.messageId === messageId)!;
    const api = (await (await weeklyApi(get(`/api/reports/weekly?week=${WEEK}&region=kp,balochistan`))).json()) as WeeklyReport;
    expect(api.totals.incidents).toBeGreaterThan(3);
    const html = mail.html as string;
    for (const k of ['incidents', 'killed', 'injured'] as const)
      expect(html).toMatch(new RegExp(`data-total="${k}"[^>]*>${api.totals[k]}<`));
    const rows = (table: string) => mailTableRows(html, table).slice(1);
    const counts = (r: { incidents: number; killed: number; injured: number }) => [
      String(r.incidents),
      String(r.killed),
      String(r.injured),
    ];
    expect(rows('by-region').map((r) => [r[0], r[1], r[3], r[5]])).toEqual(api.byRegion.map((x) => [x.name, ...counts(x)]));
    expect(rows('by-group').map((r) => [r[0], r[1], r[3], r[5]])).toEqual(
      api.byGroup.map((x) => [x.name.replace(/\s+/g, ' '), ...counts(x)]),
    );
    expect(mail.attachments[0].filename).toBe(`frontier-watch-${WEEK}.csv`);
    // A manual send is logged, outside the weekly ledger.
    const [logged] = await listDeliveries(t.store, id);
    expect(logged).toMatchObject({ id: deliveryId, kind: 'manual', week: WEEK, status: 'sent', messageId });
    expect(await ledgerEntry(t.store, id, WEEK)).toBeNull();
  });

  it('sends one scheduled brief per subscription and week, also when a run died mid-send', async () => {
    const id = await subscribe({ kind: 'weekly' });
    const p = await port(t.store);
    // A first run put the ledger row in and claimed it, then the process died before sending.
    expect(await queueLedgerWeek(t.store, id, WEEK, DUE)).not.toBeNull();
    expect((await claimDueDeliveries(t.store, DUE, 100)).map((r) => r.subscriptionId)).toContain(id);
    // The restarted scheduler: the week is in the ledger, so nothing new is queued; the claim's lease holds the row back.
    const restart = DUE + 60_000;
    await queueWeeklyDigests(t.store, restart, SCHEDULE, TZ);
    await deliverDueMail(t.store, p, { now: () => restart });
    expect(mailsTo(id)).toHaveLength(0);
    // Once the lease has run out, the row is sent, exactly once, however many passes follow.
    for (const at of [DUE + MAIL_LEASE_MS + 1000, DUE + MAIL_LEASE_MS + 20_000, DUE + 86_400_000]) {
      await queueWeeklyDigests(t.store, at, SCHEDULE, TZ);
      await deliverDueMail(t.store, p, { now: () => at });
    }
    expect(mailsTo(id)).toHaveLength(1);
    expect(mailsTo(id)[0].subject).toContain(WEEK);
    const rows = await builder(t.store).select().from(mailDeliveries).where(eq(mailDeliveries.subscriptionId, id));
    expect(rows.map((r) => [r.kind, r.ledgerWeek, r.status, r.attempts])).toEqual([['weekly', WEEK, 'sent', 1]]);
  });

  it('queues nothing before the digest instant, nor for a subscription created after it', async () => {
    const late = await subscribe({ kind: 'weekly' }, DUE + 3_600_000);
    expect(await queueWeeklyDigests(t.store, DUE - 3_600_000, SCHEDULE, TZ)).toBe(0);
    await queueWeeklyDigests(t.store, DUE + 7_200_000, SCHEDULE, TZ);
    expect(await ledgerEntry(t.store, late, WEEK)).toBeNull();
  });
});

describe('alerts mail', () => {
  it('batches a burst of 20 alerts into one mail a minute after the first, with links to each', async () => {
    const id = await subscribe({ kind: 'alerts', minSeverity: 'warning' }, Date.now() - 1000);
    const p = await port(t.store);
    const now = Date.now();
    await insertAlerts(
      t.store,
      Array.from({ length: 20 }, (_, i) => now + i * 500),
    );
    // Within the minute: the batch waits for more.
    expect(await queueAlertBatches(t.store, now + 15_000)).toBe(0);
    expect(await queueAlertBatches(t.store, now + 61_000)).toBeGreaterThanOrEqual(1);
    await deliverDueMail(t.store, p, { now: () => now + 61_000 });
    expect(await queueAlertBatches(t.store, now + 200_000)).toBe(0);
    await deliverDueMail(t.store, p, { now: () => now + 200_000 });
    const mails = mailsTo(id);
    expect(mails).toHaveLength(1);
    const [log] = await listDeliveries(t.store, id);
    expect(log).toMatchObject({ kind: 'alerts', status: 'sent' });
    expect(log.alertIds).toHaveLength(20);
    // Each alert links to its page (PUBLIC_URL + /alerts/{id}), not to the raw JSON.
    for (const alertId of log.alertIds) expect(mails[0].html).toContain(`${p.baseUrl}/alerts/${alertId}"`);
    expect(mails[0].html).not.toContain('/api/alerts/');
  });
  it('mails nothing of what fired while a subscription was switched off', async () => {
    const id = await subscribe({ kind: 'alerts', minSeverity: 'info' }, Date.now() - 1000);
    const asker = { id: `user:${owner.id}`, userId: owner.id, admin: false };
    await updateSubscription(t.store, id, { enabled: false }, asker);
    const now = Date.now();
    await insertAlerts(t.store, [now, now + 1000]);
    // (Other subscriptions of this file get these alerts; this one is off.)
    await queueAlertBatches(t.store, now + 120_000);
    await updateSubscription(t.store, id, { enabled: true }, asker);
    await queueAlertBatches(t.store, now + 240_000);
    await deliverDueMail(t.store, await port(t.store), { now: () => now + 240_000 });
    expect(mailsTo(id)).toHaveLength(0);
    expect(await listDeliveries(t.store, id)).toEqual([]);
  });
});

describe('a refusing mail server', () => {
  it('retries a temporary refusal with backoff, logs the answer, and gives up without crashing', async () => {
    const refusing = await startSmtpServer({ rejectWith: () => ({ code: 451, message: '4.3.0 Try again later' }) });
    const saved = process.env.SMTP_URL;
    process.env.SMTP_URL = refusing.url;
    try {
      const id = await subscribe({ kind: 'weekly' });
      const p = await port(t.store);
      const deliveryId = (await queueLedgerWeek(t.store, id, '2024-W49', DUE))!;
      const backoffMs = [60_000, 120_000];
      const row = async () => (await listDeliveries(t.store, id)).find((d) => d.id === deliveryId)!;
      await deliverDueMail(t.store, p, { now: () => DUE, backoffMs });
      expect(await row()).toMatchObject({ status: 'queued', attempts: 1, lastError: expect.stringMatching(/451/) });
      expect(Date.parse((await row()).nextAttemptAt!)).toBe(DUE + 60_000);
      // Not due yet: nothing is tried.
      await deliverDueMail(t.store, p, { now: () => DUE + 30_000, backoffMs });
      expect((await row()).attempts).toBe(1);
      await deliverDueMail(t.store, p, { now: () => DUE + 60_000, backoffMs });
      expect(await row()).toMatchObject({ status: 'queued', attempts: 2 });
      expect(Date.parse((await row()).nextAttemptAt!)).toBe(DUE + 180_000);
      await deliverDueMail(t.store, p, { now: () => DUE + 180_000, backoffMs });
      expect(await row()).toMatchObject({ status: 'failed', attempts: 3, lastError: expect.stringMatching(/451 4\.3\.0 Try again later/) });
      expect(refusing.attempts).toBe(3);
    } finally {
      process.env.SMTP_URL = saved;
      closeMailTransport();
      await refusing.close();
    }
  });

  it('fails a permanent refusal at once and answers a manual send with 502 and the answer', async () => {
    const refusing = await startSmtpServer({ rejectWith: () => ({ code: 550, message: '5.7.1 Relaying denied' }) });
    const saved = process.env.SMTP_URL;
    process.env.SMTP_URL = refusing.url;
    try {
      const id = await subscribe({ kind: 'weekly' });
      const res = await sendRoute(owner.req(`/api/subscriptions/${id}/send`, 'POST', { week: WEEK }), ctx({ id: String(id) }));
      expect(res.status).toBe(502);
      const body = (await res.json()) as { error: { message: string }; deliveryId: number };
      expect(body.error.message).toMatch(/550 5\.7\.1 Relaying denied/);
      expect((await listDeliveries(t.store, id))[0]).toMatchObject({ id: body.deliveryId, kind: 'manual', status: 'failed', attempts: 1 });
      const scheduled = (await queueLedgerWeek(t.store, id, WEEK, DUE))!;
      await deliverDueMail(t.store, await port(t.store), { now: () => DUE });
      expect((await listDeliveries(t.store, id)).find((d) => d.id === scheduled)).toMatchObject({ status: 'failed', attempts: 1 });
    } finally {
      process.env.SMTP_URL = saved;
      closeMailTransport();
      await refusing.close();
    }
  });

  it('answers 503 when the mail server cannot be reached, and the loop survives it', async () => {
    const gone = await startSmtpServer();
    const url = gone.url;
    await gone.close();
    const saved = process.env.SMTP_URL;
    process.env.SMTP_URL = url;
    try {
      const id = await subscribe({ kind: 'weekly' });
      const res = await sendRoute(owner.req(`/api/subscriptions/${id}/send`, 'POST', { week: WEEK }), ctx({ id: String(id) }));
      expect(res.status).toBe(503);
      const d = (await queueLedgerWeek(t.store, id, WEEK, DUE))!;
      await expect(deliverDueMail(t.store, await port(t.store), { now: () => DUE })).resolves.toBeGreaterThan(0);
      expect((await listDeliveries(t.store, id)).find((x) => x.id === d)).toMatchObject({ status: 'queued', attempts: 1 });
    } finally {
      process.env.SMTP_URL = saved;
      closeMailTransport();
    }
  });
});
