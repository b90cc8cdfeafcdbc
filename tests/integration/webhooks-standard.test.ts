// @engines sqlite postgres
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { and, eq } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { alertRules, auditLog } from '@/db/schema';
import { createRule, updateRule } from '@/db/services/alert-rule-store';
import { deliverDue } from '@/server/alerts/webhook-delivery';
import { ruleCreateSchema, rulePatchSchema } from '@/lib/alerts/rule-schema';
import { useTempDb, type TempDb } from '../support/api-db';
import { closeWebhookReceivers, fireWebhookRule, listenForWebhooks, type Received } from '../support/webhooks';

// Real deliveries to a real loopback receiver (tests/support/webhooks.ts), verified with the
// standardwebhooks library that receivers use.
let t: TempDb;

const headersOf = (r: Received) => Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)]));
let seq = 0;

/** A rule that fires for one fresh incident, then is switched off so the next test's rule fires alone. */
function fire(url: string, webhookSecret?: string) {
  seq += 1;
  return fireWebhookRule(t.store, { name: `std-${seq}`, sourceId: `std-${seq}`, webhookUrl: url, webhookSecret });
}

beforeAll(async () => {
  t = await useTempDb();
});
afterEach(closeWebhookReceivers);
afterAll(() => t.cleanup());

describe('Standard Webhooks deliveries', () => {
  it('returns a generated secret once as whsec_<base64> and signs id.timestamp.body with its key', async () => {
    const { url, got } = await listenForWebhooks([200]);
    const rule = await fire(url);
    expect(rule.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(await deliverDue(t.store)).toBe(1);
    const h = headersOf(got[0]);
    expect(h['webhook-id']).toMatch(/^msg_\w+$/);
    expect(h['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(h['webhook-timestamp']).toBe(h['x-frontierwatch-timestamp']);
    const payload = new Webhook(rule.webhookSecret!).verify(got[0].body, h) as { event: string; alert: { ruleId: number } };
    expect(payload).toMatchObject({ event: 'alert.fired', alert: { ruleId: rule.id } });
    // A changed body, id or timestamp fails: the timestamp is signed too.
    expect(() => new Webhook(rule.webhookSecret!).verify(`${got[0].body} `, h)).toThrow();
    expect(() =>
      new Webhook(rule.webhookSecret!).verify(got[0].body, { ...h, 'webhook-timestamp': String(Number(h['webhook-timestamp']) - 1) }),
    ).toThrow();
    expect(() => new Webhook(rule.webhookSecret!).verify(got[0].body, { ...h, 'webhook-id': 'msg_other' })).toThrow();
  });

  it('keeps the webhook-id of a delivery across retries, each attempt freshly signed', async () => {
    const { url, got } = await listenForWebhooks([503, 200]);
    const rule = await fire(url);
    let clock = Date.now();
    const opts = { backoffMs: [2_000], now: () => clock };
    expect(await deliverDue(t.store, opts)).toBe(1);
    clock += 2_000;
    expect(await deliverDue(t.store, opts)).toBe(1);
    expect(got).toHaveLength(2);
    const [first, second] = got.map(headersOf);
    expect(second['webhook-id']).toBe(first['webhook-id']);
    expect(Number(second['webhook-timestamp']) - Number(first['webhook-timestamp'])).toBe(2);
    const wh = new Webhook(rule.webhookSecret!);
    for (const r of got) expect(() => wh.verify(r.body, headersOf(r))).not.toThrow();
  });

  it('accepts a given whsec secret, returns it unchanged and signs with its base64 part', async () => {
    const { url, got } = await listenForWebhooks([200]);
    const given = `whsec_${Buffer.from('sixteen-plus-key-bytes!').toString('base64')}`;
    const rule = await fire(url, given);
    expect(rule.webhookSecret).toBe(given);
    await deliverDue(t.store);
    expect(() => new Webhook(given).verify(got[0].body, headersOf(got[0]))).not.toThrow();
  });

  it('keeps a secret set before whsec working: its bytes are the key of both signatures', async () => {
    const { url, got } = await listenForWebhooks([200]);
    const plain = 'an-old-plain-secret-of-2025';
    const rule = await fire(url, plain);
    // Shown once in the form the libraries take; a receiver that kept the plain string still verifies.
    expect(rule.webhookSecret).toBe(`whsec_${Buffer.from(plain).toString('base64')}`);
    const [stored] = await builder(t.store).select({ s: alertRules.webhookSecret }).from(alertRules).where(eq(alertRules.id, rule.id));
    expect(stored.s).toBe(plain);
    await deliverDue(t.store);
    const h = headersOf(got[0]);
    expect(h['x-frontierwatch-signature']).toBe(`sha256=${createHmac('sha256', plain).update(got[0].body).digest('hex')}`);
    expect(() => new Webhook(rule.webhookSecret!).verify(got[0].body, h)).not.toThrow();
  });

  it('refuses malformed or short secrets without echoing them, and hides the secret after the one return', async () => {
    const base = { name: 'x', kind: 'mass-casualty', severity: 'critical', params: { killed: 5 }, webhookUrl: 'http://127.0.0.1:9/hook' };
    for (const bad of ['whsec_not*base64*at-all', `whsec_${Buffer.from('too-short').toString('base64')}`, 'short-plain']) {
      const r = ruleCreateSchema.safeParse({ ...base, webhookSecret: bad });
      expect(r.success).toBe(false);
      expect(JSON.stringify(r.error?.issues)).not.toContain(bad);
    }
    const rule = await createRule(t.store, ruleCreateSchema.parse(base));
    const updated = await updateRule(t.store, rule.id, rulePatchSchema.parse({ name: 'renamed' }));
    expect(updated.webhookSecret).toBeUndefined();
    expect(updated.hasWebhookSecret).toBe(true);
    const audit = await builder(t.store)
      .select({ before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'rule'), eq(auditLog.entityId, String(rule.id))));
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain(rule.webhookSecret!.slice(6, 30));
  });
});
