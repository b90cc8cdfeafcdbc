// @engines sqlite postgres
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { desc } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { alerts } from '@/db/schema';
import { getAlert } from '@/db/queries/alerts';
import { GET as getAlertRoute } from '@/app/api/alerts/[id]/route';
import { bodyWithAlertUrl, deliverDue } from '@/server/alerts/webhook-delivery';
import { ctx, get, useTempDb, type TempDb } from '../support/api-db';
import { closeWebhookReceivers, fireWebhookRule, listenForWebhooks } from '../support/webhooks';

// The alert's destination for people: GET /api/alerts/{id} for clients, and the page's address in
// webhook payloads (`alert.url`, built from PUBLIC_URL). The page itself is covered end to end (tests/e2e/alerts.spec.ts).
let t: TempDb;
beforeAll(async () => {
  t = await useTempDb();
});
afterEach(closeWebhookReceivers);
afterAll(() => t.cleanup());

const newestAlertId = async () => (await builder(t.store).select({ id: alerts.id }).from(alerts).orderBy(desc(alerts.id)).limit(1))[0].id;

describe('one alert', () => {
  it('GET /api/alerts/{id}: the alert to a viewer, 404 for an unknown id, 400 for a malformed one, 401 anonymous', async () => {
    const { url } = await listenForWebhooks([200]);
    await fireWebhookRule(t.store, { name: 'one-alert', sourceId: 'one-alert-1', webhookUrl: url });
    const id = await newestAlertId();
    const res = await getAlertRoute(get(`/api/alerts/${id}`), ctx({ id: String(id) }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual(await getAlert(t.store, id));
    expect(body).toMatchObject({ id, ruleName: 'one-alert', severity: 'critical', status: 'firing' });
    expect((body.incidentIds as number[]).length).toBe(1);

    const missing = await getAlertRoute(get(`/api/alerts/${id + 1000}`), ctx({ id: String(id + 1000) }));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await getAlertRoute(get('/api/alerts/abc'), ctx({ id: 'abc' }))).status).toBe(400);
    const anonymous = new Request(`http://127.0.0.1/api/alerts/${id}`);
    expect((await getAlertRoute(anonymous, ctx({ id: String(id) }))).status).toBe(401);
    // Send its webhook so the next test's delivery is the only one due.
    expect(await deliverDue(t.store)).toBe(1);
  });

  it('adds alert.url (PUBLIC_URL + /alerts/{id}) to the webhook body it signs, renaming nothing', async () => {
    const { url, got } = await listenForWebhooks([200]);
    const rule = await fireWebhookRule(t.store, { name: 'with-url', sourceId: 'with-url-1', webhookUrl: url });
    const id = await newestAlertId();
    expect(await deliverDue(t.store, { publicUrl: 'https://watch.example.org' })).toBe(1);
    const headers = Object.fromEntries(Object.entries(got[0].headers).map(([k, v]) => [k, String(v)]));
    // Verified over the bytes received: the url is part of what is signed.
    const payload = new Webhook(rule.webhookSecret!).verify(got[0].body, headers) as { event: string; alert: Record<string, unknown> };
    expect(payload.event).toBe('alert.fired');
    expect(payload.alert).toMatchObject({
      id,
      ruleId: rule.id,
      ruleName: 'with-url',
      status: 'firing',
      url: `https://watch.example.org/alerts/${id}`,
    });
    expect(Object.keys(payload.alert)).toEqual(
      expect.arrayContaining([
        'id',
        'ruleId',
        'ruleName',
        'ruleKind',
        'severity',
        'status',
        'firedAt',
        'incidentIds',
        'summary',
        'details',
      ]),
    );
  });

  it('leaves a body without a numeric alert id as it was', () => {
    for (const body of ['not json', '{"event":"alert.fired","alertId":3}', '{"alert":{"id":"7"}}', 'null'])
      expect(bodyWithAlertUrl(body, 'https://x.example')).toBe(body);
    expect(JSON.parse(bodyWithAlertUrl('{"event":"e","alert":{"id":7,"summary":"s"}}', 'https://x.example'))).toEqual({
      event: 'e',
      alert: { id: 7, summary: 's', url: 'https://x.example/alerts/7' },
    });
  });
});
