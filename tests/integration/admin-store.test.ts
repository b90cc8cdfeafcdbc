// @engines sqlite postgres
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { builder, transact } from '@/db/engine';
import { alerts, auditLog } from '@/db/schema';
import { auditFacets, listAudit } from '@/db/queries/audit';
import { getAlert } from '@/db/queries/alerts';
import { acknowledgeAlert, listAlerts } from '@/db/services/alerts';
import { createRule, deleteRule, getRuleRow, listRules, updateRule } from '@/db/services/alert-rule-store';
import { createSite, deleteSite, ensureSeedSites, listSites } from '@/db/services/sites';
import { createUser, getUser, listUsers, markSignedIn } from '@/db/services/users';
import { enqueueWebhook, listDeliveries } from '@/db/services/webhooks';
import { deliverDue } from '@/server/alerts/webhook-delivery';
import { auditFilterSchema } from '@/lib/validation/audit-filter';
import { ruleCreateSchema, rulePatchSchema } from '@/lib/alerts/rule-schema';
import { openTestStore, testEngine, type TestStore } from '../support/engine';
import { closeWebhookReceivers, listenForWebhooks } from '../support/webhooks';

// The admin services through their own functions, with the same answers and audit rows on both engines.
let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
});
afterEach(closeWebhookReceivers);
afterAll(() => t.close());

const NOW = Date.UTC(2026, 10, 25, 12);
const rule = (name: string, extra: Record<string, unknown> = {}) =>
  createRule(
    t.store,
    ruleCreateSchema.parse({ name, kind: 'mass-casualty', severity: 'critical', params: { killed: 5 }, ...extra }),
    NOW,
    'user:1',
  );
const auditOf = (entity: string, id: number) =>
  builder(t.store)
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(id))))
    .orderBy(auditLog.id);

describe(`rules, sites and alerts on ${testEngine}`, () => {
  it('creates, patches, lists and deletes a rule, with before/after audit rows', async () => {
    const r = await rule('kp mass', { scope: { region: ['kp'] }, enabled: true });
    expect(r).toMatchObject({ name: 'kp mass', enabled: true, scope: { region: ['kp'] }, hasWebhookSecret: false });
    const patched = await updateRule(
      t.store,
      r.id,
      rulePatchSchema.parse({ enabled: false, webhookUrl: 'http://127.0.0.1:9/h' }),
      NOW + 1,
      'user:2',
    );
    expect(patched).toMatchObject({ enabled: false, hasWebhookSecret: true, webhookSecret: expect.stringMatching(/^whsec_/) });
    expect((await getRuleRow(t.store, r.id)).enabled).toBe(false);
    expect((await listRules(t.store)).map((x) => x.id)[0]).toBe(r.id);
    await expect(updateRule(t.store, r.id, rulePatchSchema.parse({ params: { windowHours: 3 } }))).rejects.toMatchObject({
      code: 'bad_request',
    });
    await deleteRule(t.store, r.id, 'user:3', NOW + 2);
    await expect(getRuleRow(t.store, r.id)).rejects.toMatchObject({ code: 'not_found' });
    const audit = await auditOf('rule', r.id);
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['create', 'user:1'],
      ['update', 'user:2'],
      ['delete', 'user:3'],
    ]);
    expect(JSON.parse(audit[1].before!)).toMatchObject({ enabled: true });
    expect(JSON.parse(audit[1].after!)).toMatchObject({ enabled: false });
  });

  it('seeds sites once, creates and deletes one with audit rows', async () => {
    expect(await ensureSeedSites(t.store)).toBe(true);
    expect(await ensureSeedSites(t.store)).toBe(false);
    const site = await createSite(t.store, { name: 'Post', lat: 33.5, lon: 70.1, kind: 'military' }, 'user:1');
    expect(site).toMatchObject({ name: 'Post', example: false });
    const listed = await listSites(t.store);
    expect(listed.at(-1)).toEqual(site);
    expect(listed.find((s) => s.name.startsWith('Gwadar'))?.example).toBe(true);
    await deleteSite(t.store, site.id, 'user:1');
    await expect(deleteSite(t.store, site.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await auditOf('site', site.id)).map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('lists alerts newest first with counts and a cursor; acknowledges once', async () => {
    const r = await rule('listed');
    const ids: number[] = [];
    for (const key of ['a', 'b', 'c'])
      ids.push(
        (
          await builder(t.store)
            .insert(alerts)
            .values({ ruleId: r.id, dedupeKey: key, severity: 'critical', firedAt: NOW, summary: key, details: '{"n":1}' })
            .returning({ id: alerts.id })
        )[0].id,
      );
    const acked = await acknowledgeAlert(t.store, ids[0], { id: 'token:1', name: 'feed' }, 'seen', NOW);
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'feed', ackNote: 'seen', incidentIds: [], details: { n: 1 } });
    await expect(acknowledgeAlert(t.store, ids[0], { id: 'token:1', name: 'feed' }, null)).rejects.toMatchObject({ code: 'conflict' });
    await expect(acknowledgeAlert(t.store, 999_999, { id: 'token:1', name: 'feed' }, null)).rejects.toMatchObject({ code: 'not_found' });
    const page = await listAlerts(t.store, { limit: 2 });
    expect(page.items.map((a) => a.id)).toEqual([ids[2], ids[1]]);
    expect(page.counts).toEqual({ firing: 2, acknowledged: 1, resolved: 0 });
    const next = await listAlerts(t.store, { limit: 2, cursor: Number(page.nextCursor) });
    expect(next.items.map((a) => a.id)).toEqual([ids[0]]);
    expect(next.nextCursor).toBeNull();
    expect(await getAlert(t.store, ids[1])).toMatchObject({ ruleName: 'listed', status: 'firing' });
  });
});

describe(`webhook deliveries on ${testEngine}`, () => {
  async function queue(url: string, secretRule?: Awaited<ReturnType<typeof rule>>) {
    const r = secretRule ?? (await rule(`hook ${url}`, { webhookUrl: url }));
    const [a] = await builder(t.store)
      .insert(alerts)
      .values({ ruleId: r.id, dedupeKey: url, severity: 'critical', firedAt: NOW, summary: 's' })
      .returning({ id: alerts.id });
    await transact(t.store, (tx) =>
      enqueueWebhook(tx, { alertId: a.id, ruleId: r.id, url, payload: { event: 'alert.fired', alertId: a.id }, now: Date.now() }),
    );
    return r;
  }

  it('delivers a queued payload signed with the rule secret (Standard Webhooks)', async () => {
    const { url, got } = await listenForWebhooks([200]);
    const r = await queue(url);
    expect(await deliverDue(t.store)).toBe(1);
    const headers = Object.fromEntries(Object.entries(got[0].headers).map(([k, v]) => [k, String(v)]));
    expect(new Webhook(r.webhookSecret!).verify(got[0].body, headers)).toMatchObject({ event: 'alert.fired' });
    expect((await listDeliveries(t.store, { limit: 1, ruleId: r.id }))[0]).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
      nextAttemptAt: null,
    });
    expect(await deliverDue(t.store)).toBe(0);
  });

  it('retries with backoff, then marks the delivery failed', async () => {
    const { url, got } = await listenForWebhooks([500]);
    const r = await queue(url);
    let clock = Date.now();
    const opts = { backoffMs: [10_000], now: () => clock };
    expect(await deliverDue(t.store, opts)).toBe(1);
    const d = (await listDeliveries(t.store, { limit: 1, ruleId: r.id }))[0];
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500' });
    expect(Date.parse(d.nextAttemptAt!) - clock).toBe(10_000);
    clock += 10_000;
    expect(await deliverDue(t.store, opts)).toBe(1);
    expect((await listDeliveries(t.store, { limit: 1, ruleId: r.id }))[0]).toMatchObject({ status: 'failed', attempts: 2 });
    expect(got).toHaveLength(2);
  });
});

describe(`users and the audit trail on ${testEngine}`, () => {
  it('lists users by email, records sign-ins, and filters the audit trail', async () => {
    const pw = 'a-long-enough-password';
    const b = (await createUser(t.store, { email: 'b@example.org', role: 'viewer', password: pw }, 'user:10')).user;
    const a = (await createUser(t.store, { email: 'a@example.org', role: 'admin', password: pw }, 'user:1')).user;
    expect((await listUsers(t.store)).map((u) => u.email)).toEqual(['a@example.org', 'b@example.org']);
    await markSignedIn(t.store, b.id, NOW);
    expect(await getUser(t.store, b.id)).toMatchObject({ lastSignInAt: NOW, role: 'viewer', disabledAt: null });
    expect(await getUser(t.store, 999_999)).toBeNull();
    const byPrefix = await listAudit(t.store, auditFilterSchema.parse({ actor: 'user:1', entity: 'user' }));
    // 'user:1' is a prefix: user:10 matches too, newest first.
    expect(byPrefix.items.map((r) => [r.actor, r.entityId])).toEqual([
      ['user:1', String(a.id)],
      ['user:10', String(b.id)],
    ]);
    const first = await listAudit(t.store, auditFilterSchema.parse({ limit: 1, entity: 'user' }));
    expect(first.nextCursor).toBe(first.items[0].id);
    const rest = await listAudit(t.store, auditFilterSchema.parse({ limit: 10, entity: 'user', cursor: String(first.nextCursor) }));
    expect(rest.items.map((r) => r.entityId)).toEqual([String(b.id)]);
    expect(rest.items[0].after).toMatchObject({ email: 'b@example.org' });
    const facets = await auditFacets(t.store);
    expect(facets.entities).toEqual([...facets.entities].sort());
    expect(facets.entities).toEqual(expect.arrayContaining(['alert', 'rule', 'site', 'user']));
  });
});
