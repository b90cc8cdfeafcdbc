// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { alertIncidents, alerts } from '@/db/schema';
import { POST as postIncident } from '@/app/api/incidents/route';
import { POST as createRuleRoute } from '@/app/api/alert-rules/route';
import { POST as previewRoute } from '@/app/api/alert-rules/preview/route';
import { GET as sitesRoute } from '@/app/api/sites/route';
import { testRule } from '@/db/queries/rule-tester';
import { previewRule } from '@/lib/alerts/preview';
import { ruleCreateSchema } from '@/lib/alerts/rule-schema';
import { get, postJson, useTempDb, type TempDb } from '../support/api-db';

let t: TempDb;
beforeAll(async () => {
  t = await useTempDb();
});
afterAll(() => t.cleanup());

const HOUR = 3_600_000;
const incident = (hoursAgo: number, over: Record<string, unknown> = {}) => ({
  occurredAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(),
  country: 'PK',
  lat: 33.0,
  lon: 70.6,
  eventType: 'Explosions/Remote violence',
  subEventType: 'Suicide bomb',
  group: 'TTP',
  killed: 2,
  injured: 3,
  ...over,
});

interface Preview {
  days: number;
  count: number;
  firings: { at: string; summary: string; incidentIds: number[] }[];
}
async function preview(body: unknown, token = t.analyst): Promise<{ status: number; body: Preview & Record<string, any> }> {
  const res = await previewRoute(postJson('/api/alert-rules/preview', body, token));
  return { status: res.status, body: (await res.json()) as Preview & Record<string, any> };
}

/** What the engine stored for a rule: each alert's incident ids, newest alert first. */
async function fired(ruleId: number): Promise<number[][]> {
  const rows = await builder(t.store)
    .select({ alertId: alerts.id, incidentId: alertIncidents.incidentId })
    .from(alerts)
    .innerJoin(alertIncidents, eq(alertIncidents.alertId, alerts.id))
    .where(eq(alerts.ruleId, ruleId))
    .orderBy(asc(alerts.id), asc(alertIncidents.incidentId));
  const byAlert = new Map<number, number[]>();
  for (const r of rows) byAlert.set(r.alertId, [...(byAlert.get(r.alertId) ?? []), r.incidentId]);
  return [...byAlert.values()].sort((a, b) => b[0] - a[0]);
}

describe('POST /api/alert-rules/preview', () => {
  it('needs an analyst, validates like create (field issues), and accepts a blank name', async () => {
    const body = { kind: 'mass-casualty', severity: 'critical', params: { killed: 10 } };
    expect((await previewRoute(postJson('/api/alert-rules/preview', body))).status).toBe(401);
    expect((await preview(body, t.viewer)).status).toBe(403);
    const bad = await preview({ ...body, params: { killed: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('params.killed');
    expect((await preview({ ...body, kind: 'proximity', params: { radiusKm: 5, siteIds: [99999] } })).status).toBe(400);
    const empty = await preview({ ...body, name: '' });
    expect(empty).toMatchObject({ status: 200, body: { days: 90, count: 0, firings: [] } });
  });

  it('counts exactly what the engine fires when the same incidents are posted, and writes nothing', async () => {
    const sites = (await (await sitesRoute(get('/api/sites'))).json()) as { items: { id: number; name: string }[] };
    const torkham = sites.items.find((s) => s.name === 'Torkham border crossing')!;
    const bodies = [
      { name: 'mass', kind: 'mass-casualty', severity: 'critical', scope: { region: ['kp'] }, params: { killed: 10 } },
      { name: 'near torkham', kind: 'proximity', severity: 'warning', params: { radiusKm: 25, siteIds: [torkham.id] } },
      { name: 'border', kind: 'cross-border', severity: 'warning', params: {} },
      { name: 'actor', kind: 'new-actor', severity: 'info', scope: { group: ['iskp'] }, params: { days: 30 } },
      { name: 'suicide', kind: 'mass-casualty', severity: 'info', scope: { type: ['Suicide bomb'] }, params: { killedPlusInjured: 5 } },
    ];
    const ids: number[] = [];
    for (const b of bodies) {
      const res = await createRuleRoute(postJson('/api/alert-rules', b, t.analyst));
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: number }).id);
    }
    const posted = [
      incident(30, { killed: 14 }),
      incident(20, { killed: 3, lat: 34.0988, lon: 71.14108 }), // Landi Kotal, ~5 km from Torkham
      incident(12, { crossBorder: true, subEventType: 'Armed clash', eventType: 'Battles' }),
      incident(10, { group: 'ISKP', killed: 0, injured: 1 }),
      incident(6, { group: 'ISKP', killed: 11, lat: 34.01, lon: 71.58 }),
      incident(2, { killed: 1, injured: 1, lat: 29.0, lon: 66.0 }),
    ];
    for (const p of posted) expect((await postIncident(postJson('/api/incidents', p, t.analyst))).status).toBe(201);
    const before = (await builder(t.store).select({ id: alerts.id }).from(alerts)).length;
    expect(before).toBeGreaterThan(0);

    for (const [k, b] of bodies.entries()) {
      const engine = await fired(ids[k]);
      const got = await preview({ ...b, name: '' });
      expect(got.status, b.name).toBe(200);
      expect(got.body.count, b.name).toBe(engine.length);
      expect(
        got.body.firings.map((f) => [...f.incidentIds].sort((x, y) => x - y)),
        b.name,
      ).toEqual(engine);
    }
    // Every kind above fired at least once, so the comparison is not vacuous.
    for (const id of ids) expect((await fired(id)).length, `rule ${id}`).toBeGreaterThan(0);
    expect((await builder(t.store).select({ id: alerts.id }).from(alerts)).length).toBe(before);
  });

  it('is bounded: a rule that would replay more than the cap of incidents gets a 400, not a long scan', async () => {
    const rule = previewRule(ruleCreateSchema.parse({ name: 'all', kind: 'cross-border', severity: 'info', params: {} }));
    await expect(testRule(t.store, rule, Date.now(), 2)).rejects.toMatchObject({ code: 'bad_request' });
    expect((await testRule(t.store, rule, Date.now(), 1000)).count).toBeGreaterThan(0);
  });
});
