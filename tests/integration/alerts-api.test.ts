// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, desc, eq } from 'drizzle-orm';
import { openDatabase } from '@/db/connection';
import { acknowledgeAlert } from '@/db/services/alerts';
import { closeStore, openStore } from '@/db/store';
import { builder } from '@/db/engine';
import { alerts, auditLog } from '@/db/schema';
import { POST as postIncident } from '@/app/api/incidents/route';
import { GET as listRulesRoute, POST as createRuleRoute } from '@/app/api/alert-rules/route';
import { DELETE as deleteRuleRoute, GET as getRuleRoute, PATCH as patchRuleRoute } from '@/app/api/alert-rules/[id]/route';
import { POST as testRuleRoute } from '@/app/api/alert-rules/[id]/test/route';
import { GET as listAlertsRoute } from '@/app/api/alerts/route';
import { POST as ackRoute } from '@/app/api/alerts/[id]/acknowledge/route';
import { POST as resolveRoute } from '@/app/api/alerts/[id]/resolve/route';
import { GET as sitesRoute, POST as createSiteRoute } from '@/app/api/sites/route';
import { DELETE as deleteSiteRoute } from '@/app/api/sites/[id]/route';
import { createApiToken } from '@/db/services/tokens';
import { ctx, get, postJson, useTempDb, type TempDb } from '../support/api-db';
import { testEngine } from '../support/engine';

/** Two SQLite connections racing in SQL: SQLite's own locking. */
const sqliteOnly = it.skipIf(testEngine === 'postgres');

let t: TempDb;
beforeAll(async () => {
  t = await useTempDb();
});
afterAll(() => t.cleanup());

const incident = (over: Record<string, unknown> = {}) => ({
  occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
  country: 'PK',
  lat: 34.01,
  lon: 71.58,
  eventType: 'Explosions/Remote violence',
  subEventType: 'Suicide bomb',
  group: 'TTP',
  killed: 25,
  injured: 40,
  ...over,
});

const auditOf = (id: string) =>
  builder(t.store)
    .select({ actor: auditLog.actor, action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'alert'), eq(auditLog.entityId, id)))
    .orderBy(asc(auditLog.id));

async function json(res: Response) {
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('alert rules API', () => {
  let ruleId: number;
  it('creates a rule with an analyst token and rejects bad input with 400, no token with 401', async () => {
    const body = {
      name: 'Mass casualty KP',
      kind: 'mass-casualty',
      severity: 'critical',
      scope: { region: ['kp'] },
      params: { killed: 20 },
    };
    expect((await createRuleRoute(postJson('/api/alert-rules', body))).status).toBe(401);
    expect((await createRuleRoute(postJson('/api/alert-rules', body, t.viewer))).status).toBe(403);
    expect((await createRuleRoute(postJson('/api/alert-rules', { ...body, params: { killed: 'x' } }, t.analyst))).status).toBe(400);
    expect((await createRuleRoute(postJson('/api/alert-rules', { ...body, extra: 1 }, t.analyst))).status).toBe(400);
    expect((await createRuleRoute(postJson('/api/alert-rules', '{nope', t.analyst))).status).toBe(400);
    expect(
      (
        await createRuleRoute(
          postJson('/api/alert-rules', { ...body, kind: 'proximity', params: { radiusKm: 5, siteIds: [9999] } }, t.analyst),
        )
      ).status,
    ).toBe(400);
    const created = await json(await createRuleRoute(postJson('/api/alert-rules', body, t.analyst)));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Mass casualty KP',
      kind: 'mass-casualty',
      severity: 'critical',
      enabled: true,
      params: { killed: 20 },
    });
    ruleId = created.body.id;
    const list = await json(await listRulesRoute(get('/api/alert-rules')));
    expect(list.body.items.map((r: { id: number }) => r.id)).toContain(ruleId);
  });

  it('PATCH validates params against the kind; GET/DELETE 404 for unknown ids, 400 for malformed ones', async () => {
    expect(
      (
        await patchRuleRoute(
          postJson(`/api/alert-rules/${ruleId}`, { params: { windowHours: 3 } }, t.analyst, 'PATCH'),
          ctx({ id: String(ruleId) }),
        )
      ).status,
    ).toBe(400);
    const silenced = await json(
      await patchRuleRoute(
        postJson(`/api/alert-rules/${ruleId}`, { silencedUntil: '2020-01-01T00:00:00Z' }, t.analyst, 'PATCH'),
        ctx({ id: String(ruleId) }),
      ),
    );
    expect(silenced.body.silencedUntil).toBe('2020-01-01T00:00:00.000Z');
    expect((await getRuleRoute(get('/api/alert-rules/abc'), ctx({ id: 'abc' }))).status).toBe(400);
    expect((await getRuleRoute(get('/api/alert-rules/99999'), ctx({ id: '99999' }))).status).toBe(404);
    expect((await deleteRuleRoute(postJson('/api/alert-rules/99999', {}, t.analyst, 'DELETE'), ctx({ id: '99999' }))).status).toBe(404);
  });

  it('an incident POSTed through the API fires the rule; acknowledge is race-safe', async () => {
    const res = await postIncident(postJson('/api/incidents', incident(), t.analyst));
    expect(res.status).toBe(201);
    const list = await json(await listAlertsRoute(get('/api/alerts?status=firing')));
    expect(list.body.items).toHaveLength(1);
    const alert = list.body.items[0];
    expect(alert).toMatchObject({ ruleId, ruleName: 'Mass casualty KP', severity: 'critical', status: 'firing' });
    expect(alert.summary).toBe('Mass casualty: 25 killed, 40 injured in Khyber Pakhtunkhwa (threshold 20 killed)');
    expect(list.body.counts).toEqual({ firing: 1, acknowledged: 0, resolved: 0 });

    const id = String(alert.id);
    const [a, b] = await Promise.all([
      ackRoute(postJson(`/api/alerts/${id}/acknowledge`, { note: 'on it' }, t.analyst), ctx({ id })),
      ackRoute(postJson(`/api/alerts/${id}/acknowledge`, { note: 'me too' }, t.analyst), ctx({ id })),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = (await (a.status === 200 ? a : b).json()) as Record<string, string>;
    expect(winner).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'test-analyst' });
    expect(['on it', 'me too']).toContain(winner.ackNote);

    expect((await ackRoute(postJson('/api/alerts/99999/acknowledge', {}, t.analyst), ctx({ id: '99999' }))).status).toBe(404);
    expect((await ackRoute(postJson(`/api/alerts/${id}/acknowledge`, {}), ctx({ id }))).status).toBe(401);
    const resolved = await json(
      await resolveRoute(
        new Request(`http://127.0.0.1/api/alerts/${id}/resolve`, { method: 'POST', headers: { authorization: `Bearer ${t.analyst}` } }),
        ctx({ id }),
      ),
    );
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedBy: 'test-analyst' });
    expect((await resolveRoute(postJson(`/api/alerts/${id}/resolve`, {}, t.analyst), ctx({ id }))).status).toBe(409);
    const audit = await auditOf(id);
    expect(audit).toEqual([
      { actor: expect.stringMatching(/^token:\d+$/), action: 'acknowledge' },
      { actor: expect.stringMatching(/^token:\d+$/), action: 'resolve' },
    ]);
  });

  it('acknowledge and resolve through the routes: one 200 and one 409 at once, then 409 once resolved', async () => {
    const [row] = await builder(t.store)
      .insert(alerts)
      .values({ ruleId, dedupeKey: 'direct', severity: 'critical', status: 'firing', firedAt: Date.now(), summary: 'written directly' })
      .returning({ id: alerts.id });
    const id = String(row.id);
    const [a, b] = await Promise.all([
      ackRoute(postJson(`/api/alerts/${id}/acknowledge`, { note: 'on it' }, t.analyst), ctx({ id })),
      ackRoute(postJson(`/api/alerts/${id}/acknowledge`, { note: 'me too' }, t.analyst), ctx({ id })),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await json(a.status === 409 ? a : b)).body).toMatchObject({ error: expect.anything() });
    expect((await json(await resolveRoute(postJson(`/api/alerts/${id}/resolve`, {}, t.analyst), ctx({ id })))).body).toMatchObject({
      status: 'resolved',
      resolvedBy: 'test-analyst',
    });
    expect((await resolveRoute(postJson(`/api/alerts/${id}/resolve`, {}, t.analyst), ctx({ id }))).status).toBe(409);
    expect((await auditOf(id)).map((r) => r.action)).toEqual(['acknowledge', 'resolve']);
    const list = await json(await listAlertsRoute(get('/api/alerts?status=resolved')));
    expect(list.body.items.map((x: { id: number }) => x.id)).toContain(row.id);
  });

  sqliteOnly('acknowledge races are settled in SQL across two connections', () => {
    const alertId = t.db.$client.prepare('SELECT id FROM alerts ORDER BY id DESC LIMIT 1').get() as { id: number };
    t.db.$client.prepare("UPDATE alerts SET status='firing' WHERE id=?").run(alertId.id);
    const other = openDatabase(t.path);
    const sql = "UPDATE alerts SET status='acknowledged', acknowledged_by=?, acknowledged_at=? WHERE id=? AND status='firing' RETURNING id";
    const first = t.db.$client.prepare(sql).all('a', 1, alertId.id);
    const second = other.$client.prepare(sql).all('b', 2, alertId.id);
    other.$client.close();
    expect([first.length, second.length]).toEqual([1, 0]);
  });

  // Two instances on PostgreSQL (two pools). On SQLite one store: two connections of one process
  // cannot run async transactions against each other (busy_timeout would block the event loop the
  // first commits on); instances of a SQLite file are processes, as in the test above.
  it('settles acknowledge races between two instances in SQL: one wins, one gets a conflict', async () => {
    const [last] = await builder(t.store).select({ id: alerts.id }).from(alerts).orderBy(desc(alerts.id)).limit(1);
    await builder(t.store).update(alerts).set({ status: 'firing' }).where(eq(alerts.id, last.id));
    const other = testEngine === 'postgres' ? openStore(t.path, { poolMax: 2 }) : t.store;
    try {
      const results = await Promise.allSettled([
        acknowledgeAlert(t.store, last.id, { id: 'a', name: 'a' }, null, 1),
        acknowledgeAlert(other, last.id, { id: 'b', name: 'b' }, null, 2),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const lost = results.find((r) => r.status === 'rejected');
      expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
      const audits = await builder(t.store)
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'alert'), eq(auditLog.entityId, String(last.id)), eq(auditLog.action, 'acknowledge')));
      expect(audits.filter((r) => r.at === 1 || r.at === 2)).toHaveLength(1);
    } finally {
      if (other !== t.store) await closeStore(other);
    }
  });

  it('lists with a cursor and rejects unknown query parameters', async () => {
    expect((await listAlertsRoute(get('/api/alerts?status=bogus'))).status).toBe(400);
    expect((await listAlertsRoute(get('/api/alerts?foo=1'))).status).toBe(400);
    await postIncident(postJson('/api/incidents', incident({ killed: 30 }), t.analyst));
    const page1 = await json(await listAlertsRoute(get('/api/alerts?limit=1')));
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.nextCursor).not.toBeNull();
    const page2 = await json(await listAlertsRoute(get(`/api/alerts?limit=1&cursor=${page1.body.nextCursor}`)));
    expect(page2.body.items[0].id).toBeLessThan(page1.body.items[0].id);
  });

  it('the rule tester reports what would have fired, writing nothing', async () => {
    const alertCount = async () => (await builder(t.store).select({ id: alerts.id }).from(alerts)).length;
    const before = await alertCount();
    const res = await json(await testRuleRoute(postJson(`/api/alert-rules/${ruleId}/test`, {}, t.analyst), ctx({ id: String(ruleId) })));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ days: 90, count: 2 });
    expect(res.body.firings[0].summary).toContain('killed');
    expect(await alertCount()).toBe(before);
  });

  it('lists seeded sites with example labels', async () => {
    const res = await json(await sitesRoute(get('/api/sites')));
    const names = res.body.items.map((s: { name: string }) => s.name);
    expect(names).toContain('Torkham border crossing');
    expect(res.body.items.find((s: { name: string }) => s.name.startsWith('Gwadar')).example).toBe(true);
  });

  it('site writes need admin; created sites can be watched and deleted', async () => {
    const site = { name: 'Test post', lat: 33.5, lon: 70.1, kind: 'military' };
    expect((await createSiteRoute(postJson('/api/sites', site, t.analyst))).status).toBe(403);
    const admin = (await createApiToken(t.store, { name: 'test-admin', role: 'admin' })).token;
    const created = await json(await createSiteRoute(postJson('/api/sites', site, admin)));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Test post', example: false });
    const id = String(created.body.id);
    expect((await deleteSiteRoute(postJson(`/api/sites/${id}`, {}, admin, 'DELETE'), ctx({ id }))).status).toBe(204);
    expect((await deleteSiteRoute(postJson(`/api/sites/${id}`, {}, admin, 'DELETE'), ctx({ id }))).status).toBe(404);
  });
});
