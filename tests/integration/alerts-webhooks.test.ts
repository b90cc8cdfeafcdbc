// @engines sqlite postgres
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { webhookDeliveries } from '@/db/schema';
import { deliverDue } from '@/server/alerts/webhook-delivery';
import { listDeliveries } from '@/db/services/webhooks';
import { webhookKey } from '@/lib/alerts/webhook-secret';
import { useTempDb, type TempDb } from '../support/api-db';
import { closeWebhookReceivers, fireWebhookRule, listenForWebhooks } from '../support/webhooks';

let t: TempDb;

beforeAll(async () => {
  t = await useTempDb();
});
afterEach(closeWebhookReceivers);
afterAll(() => t.cleanup());

/** Only this rule fires for the incident it imports: it is switched off right after. */
const fire = (name: string, sourceId: string, webhookUrl: string) => fireWebhookRule(t.store, { name, sourceId, webhookUrl });

describe('webhook deliveries', () => {
  it('queues in the ingest transaction and delivers a payload signed with the rule secret', async () => {
    const { url, got } = await listenForWebhooks([200]);
    const rule = await fire('hooked', 'wh-1', url);
    expect(rule.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{40,}={0,2}$/);
    expect((await listDeliveries(t.store, { limit: 10 }))[0]).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await deliverDue(t.store)).toBe(1);
    expect(got).toHaveLength(1);
    const sig = String(got[0].headers['x-frontierwatch-signature']);
    const expected = `sha256=${createHmac('sha256', webhookKey(rule.webhookSecret!)).update(got[0].body).digest('hex')}`;
    expect(timingSafeEqual(Buffer.from(sig), Buffer.from(expected))).toBe(true);
    expect(Number(got[0].headers['x-frontierwatch-timestamp'])).toBeGreaterThan(1_700_000_000);
    const payload = JSON.parse(got[0].body) as { event: string; alert: { ruleId: number; summary: string; incidentIds: number[] } };
    expect(payload.event).toBe('alert.fired');
    expect(payload.alert.ruleId).toBe(rule.id);
    expect(payload.alert.summary).toContain('9 killed');
    expect((await listDeliveries(t.store, { limit: 10 }))[0]).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
    });
    expect(await deliverDue(t.store)).toBe(0);
  });

  it('retries a failing receiver with backoff and logs attempts and the last error', async () => {
    const { url, got } = await listenForWebhooks([500]);
    await fire('failing', 'wh-2', url);
    let clock = Date.now();
    const opts = { backoffMs: [10_000, 30_000], now: () => clock };
    expect(await deliverDue(t.store, opts)).toBe(1);
    let d = (await listDeliveries(t.store, { limit: 1 }))[0];
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500' });
    expect(Date.parse(d.nextAttemptAt!) - clock).toBe(10_000);
    clock += 5_000;
    expect(await deliverDue(t.store, opts)).toBe(0); // not due yet
    clock += 5_000;
    expect(await deliverDue(t.store, opts)).toBe(1);
    d = (await listDeliveries(t.store, { limit: 1 }))[0];
    expect(Date.parse(d.nextAttemptAt!) - clock).toBe(30_000);
    clock += 30_000;
    expect(await deliverDue(t.store, opts)).toBe(1);
    d = (await listDeliveries(t.store, { limit: 1 }))[0];
    expect(d).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 500, lastError: 'HTTP 500', nextAttemptAt: null });
    expect(got).toHaveLength(3);
  });

  it('logs a connection error when nothing listens', async () => {
    const gone = await listenForWebhooks([200]);
    await gone.close();
    await fire('nobody', 'wh-3', gone.url);
    await deliverDue(t.store, { backoffMs: [1000] });
    const row = (await builder(t.store).select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending')))[0];
    expect(row.attempts).toBe(1);
    expect(row.lastStatusCode).toBeNull();
    expect(row.lastError).toMatch(/fetch failed|ECONNREFUSED|TypeError/);
  });
});
