// @engines sqlite postgres
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { rows as rawRows } from '@/db/engine';
import { POST as ACCEPT } from '@/app/api/reports/[id]/accept/route';
import { POST as MERGE } from '@/app/api/reports/[id]/merge/route';
import { POST as DISMISS } from '@/app/api/reports/[id]/dismiss/route';
import { POST as CREATE_RULE } from '@/app/api/alert-rules/route';
import { GET as ONE, PATCH } from '@/app/api/incidents/[id]/route';
import { getReport } from '@/db/queries/reports';
import type { IncidentDetail } from '@/lib/incidents/item';
import type { ReportItem } from '@/lib/intake/report-types';
import { ctx, get, postJson, useTempDb, type TempDb } from '../support/api-db';
import { testEngine } from '../support/engine';
import { incidentBody, storeIncidents } from '../support/api-factory';
import { BANNU, storeReports } from '../support/decision-reports';

let t: TempDb;
beforeEach(async () => {
  t = await useTempDb();
});
afterEach(() => t.cleanup());

type Decided = { incident: IncidentDetail; report: ReportItem };
type ErrorBody = { error: { code: string; message: string; issues?: { path?: string; message: string }[] } };
const at = (id: number) => ctx({ id: String(id) });
const accept = (id: number, body?: unknown, token = t.analyst) =>
  ACCEPT(
    body === undefined
      ? new Request(`http://127.0.0.1/api/reports/${id}/accept`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
      : postJson(`/api/reports/${id}/accept`, body, token),
    at(id),
  );
const merge = (id: number, body: unknown, token = t.analyst) => MERGE(postJson(`/api/reports/${id}/merge`, body, token), at(id));
const dismiss = (id: number, body: unknown = {}, token = t.analyst) => DISMISS(postJson(`/api/reports/${id}/dismiss`, body, token), at(id));
/** A raw read on either engine: `?` marks a bound value. */
const rows = (text: string, ...args: unknown[]) => {
  const chunks: SQL[] = text.split('?').flatMap((part, i) => (i < args.length ? [sql.raw(part), sql`${args[i]}`] : [sql.raw(part)]));
  return rawRows<Record<string, unknown>>(t.store, sql.join(chunks));
};
const detail = async (id: number) => (await (await ONE(get(`/api/incidents/${id}`), at(id))).json()) as IncidentDetail;

describe('POST /api/reports/{id}/accept', () => {
  it('stores the draft as an incident through the ingest path, with its source record, claims and outbox', async () => {
    const [id] = await storeReports(t.store, BANNU.first);
    const res = await accept(id);
    expect(res.status).toBe(201);
    const { incident, report } = (await res.json()) as Decided;
    expect(res.headers.get('location')).toBe(`/api/incidents/${incident.id}`);
    expect(incident).toMatchObject({
      source: 'report',
      sourceId: `report-${id}`,
      group: 'ttp',
      admin2: 'Bannu',
      killed: 4,
      claimStatus: 'claimed',
      sources: ['https://dawn.example/bannu-ied'],
      sourceCount: 1,
    });
    expect(incident.sourceRecords).toEqual([
      expect.objectContaining({ reportId: id, outlet: 'Dawn', url: BANNU.first.url, publishedAt: '2026-11-04T09:00:00.000Z', killed: 4 }),
    ]);
    expect(incident.claims).toEqual([{ groupId: 'ttp', kind: 'claim', by: null, at: '2026-11-04T09:00:00.000Z', reportId: id }]);
    expect(report).toMatchObject({ id, status: 'accepted', incidentId: incident.id, decidedBy: 'test-analyst' }); // the principal's name, as alerts show who acknowledged
    expect(
      await rows(
        'SELECT type, action FROM events WHERE ref_id IN (?, ?) AND type IN (?, ?) ORDER BY seq',
        id,
        incident.id,
        'incident',
        'report',
      ),
    ).toEqual([
      { type: 'report', action: 'created' },
      { type: 'report', action: 'accepted' },
      { type: 'incident', action: 'created' },
    ]);
    expect(await rows("SELECT entity, action FROM audit_log WHERE entity IN ('incident', 'report') ORDER BY id")).toEqual([
      { entity: 'incident', action: 'create' },
      { entity: 'report', action: 'accept' },
    ]);
    expect(await detail(incident.id)).toEqual(incident);
  });

  it('applies overrides validated like POST /api/incidents, and the analyst’s claim status wins over the ledger', async () => {
    const [id] = await storeReports(t.store, BANNU.first);
    const bad = await accept(id, { lat: 123, colour: 'red' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('colour');
    expect((await accept(id, { lat: 123 })).status).toBe(400);
    expect((await accept(id, { sourceId: 'x' })).status).toBe(400);
    const ok = await accept(id, { killed: 5, killedBy: { security: 5 }, admin3: 'Domel', claimStatus: 'unclaimed' });
    expect(ok.status).toBe(201);
    const { incident } = (await ok.json()) as Decided;
    expect(incident).toMatchObject({ killed: 5, admin3: 'Domel', claimStatus: 'unclaimed' });
    expect(incident.sourceRecords[0]).toMatchObject({ killed: 5, killedBy: { security: 5, civilians: null, militants: null } });
    expect(incident.claims).toHaveLength(1);
  });

  // Alert evaluation on write runs on SQLite only so far (db/services/after-ingest.ts).
  it.runIf(testEngine === 'sqlite')('fires alert rules like any new incident', async () => {
    const rule = { name: 'Deadly in KP', kind: 'mass-casualty', severity: 'critical', scope: { region: ['kp'] }, params: { killed: 3 } };
    expect((await CREATE_RULE(postJson('/api/alert-rules', rule, t.analyst))).status).toBe(201);
    const [id] = await storeReports(t.store, BANNU.first);
    // Alerts fire for recent incidents only (ALERT_HORIZON_HOURS): the analyst dates it today.
    const res = await accept(id, { occurredAt: new Date().toISOString() });
    expect(res.status).toBe(201);
    const { incident } = (await res.json()) as Decided;
    expect(await rows('SELECT incident_id AS id FROM alert_incidents')).toEqual([{ id: incident.id }]);
  });

  it('a not-incident report: 400 naming each field it leaves empty, accepted once the overrides supply them', async () => {
    const [id] = await storeReports(t.store, BANNU.hearing);
    const res = await accept(id);
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as ErrorBody).error.issues!.map((i) => i.path);
    expect(paths).toEqual(['occurredAt', 'country', 'lat', 'lon', 'eventType', 'subEventType', 'group']);
    expect((await getReport(t.store, id))!.status).toBe('new');
    const ok = await accept(id, {
      occurredAt: '2026-11-04',
      country: 'PK',
      lat: 33.7,
      lon: 73.1,
      eventType: 'Violence against civilians',
      subEventType: 'Attack',
      group: 'unidentified',
    });
    expect(ok.status).toBe(201);
  });

  it('reads an empty body as no overrides, whatever its type; a body must be JSON', async () => {
    const [a, b] = await storeReports(t.store, BANNU.first, { ...BANNU.first, url: 'https://dawn.example/other' });
    const send = (id: number, body: string, type?: string) =>
      ACCEPT(
        new Request(`http://127.0.0.1/api/reports/${id}/accept`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t.analyst}`, ...(type ? { 'content-type': type } : {}) },
          body,
        }),
        at(id),
      );
    expect((await send(a, 'killed=3', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await send(a, '{"killed":', 'application/json')).status).toBe(400);
    expect((await send(a, '', 'application/json')).status).toBe(201);
    expect((await send(b, '  ')).status).toBe(201);
  });

  it('404 for a missing report, 400 for a bad id, 403 for a viewer, 401 without a token', async () => {
    expect((await accept(999)).status).toBe(404);
    expect((await ACCEPT(postJson('/api/reports/x/accept', {}, t.analyst), ctx({ id: 'x' }))).status).toBe(400);
    const [id] = await storeReports(t.store, BANNU.first);
    expect((await accept(id, {}, t.viewer)).status).toBe(403);
    expect((await ACCEPT(postJson(`/api/reports/${id}/accept`, {}), at(id))).status).toBe(401);
    expect((await getReport(t.store, id))!.status).toBe('new');
  });
});

describe('POST /api/reports/{id}/merge', () => {
  it('adds a source: record, claims (now disputed), sources, count; the adopted figures stay without adoptFigures', async () => {
    const [first, second] = await storeReports(t.store, BANNU.first, BANNU.followUp);
    const { incident } = (await (await accept(first)).json()) as Decided;
    const res = await merge(second, { incidentId: incident.id });
    expect(res.status).toBe(200);
    const merged = (await res.json()) as Decided;
    expect(merged.report).toMatchObject({ status: 'merged', incidentId: incident.id });
    expect(merged.incident).toMatchObject({ killed: 4, sourceCount: 2, claimStatus: 'disputed' });
    expect(merged.incident.sources).toEqual([BANNU.first.url, BANNU.followUp.url]);
    expect(merged.incident.sourceRecords.map((s) => [s.outlet, s.killed])).toEqual([
      ['Dawn', 4],
      ['The Express Tribune', 6],
    ]);
    expect(merged.incident.claims.map((c) => [c.groupId, c.kind])).toEqual([
      ['ttp', 'claim'],
      ['hafiz-gul-bahadur', 'claim'],
      ['ttp', 'denial'],
    ]);
    expect(
      (await rows("SELECT action FROM events WHERE type = 'incident' AND ref_id = ? ORDER BY seq", incident.id)).map((r) => r.action),
    ).toEqual(['created', 'updated']);
    expect(await detail(incident.id)).toEqual(merged.incident);
  });

  it('adoptFigures takes the report’s toll through the update path (day rollups stay exact); a later PATCH still edits', async () => {
    const [id] = await storeReports(t.store, BANNU.followUp);
    const [target] = await storeIncidents(t.store, [
      incidentBody({ source: 'acled', sourceId: 'PAK-1', killed: 3, killedBy: { security: 3 } }),
    ]);
    const res = await merge(id, { incidentId: target, adoptFigures: true });
    expect(res.status).toBe(200);
    const { incident } = (await res.json()) as Decided;
    expect(incident).toMatchObject({ killed: 6, sourceCount: 2, claimStatus: 'disputed' });
    expect(incident.casualties.killed).toEqual({ security: null, civilians: null, militants: null });
    const [day] = await rows('SELECT sum(killed) AS k FROM incident_day_stats');
    expect(day.k).toBe(6);
    const patched = await PATCH(postJson(`/api/incidents/${target}`, { killed: 7 }, t.analyst, 'PATCH'), at(target));
    expect(patched.status).toBe(200);
    expect(await detail(target)).toMatchObject({ killed: 7, sourceCount: 2 });
    expect(
      (await rows("SELECT action FROM audit_log WHERE entity = 'incident' AND entity_id = ? ORDER BY id", String(target))).map(
        (r) => r.action,
      ),
    ).toEqual(['update', 'update']);
  });

  it('404 for a missing incident (the report stays new), 400 for a bad body, 409 once decided', async () => {
    const [id] = await storeReports(t.store, BANNU.followUp);
    expect((await merge(id, { incidentId: 424242 })).status).toBe(404);
    expect((await getReport(t.store, id))!.status).toBe('new');
    const bad = await merge(id, { incidentId: 'one', extra: 1 });
    expect(bad.status).toBe(400);
    const named = JSON.stringify(await bad.json());
    expect(named).toContain('incidentId');
    expect(named).toContain('extra');
    expect((await dismiss(id, { reason: 'old news' })).status).toBe(200);
    const [target] = await storeIncidents(t.store, [incidentBody()]);
    const again = await merge(id, { incidentId: target });
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).error.message).toMatch(/already dismissed by test-analyst/);
  });
});

describe('POST /api/reports/{id}/dismiss', () => {
  it('sets the report aside with its reason; a reason over 500 characters is a 400', async () => {
    const [id] = await storeReports(t.store, BANNU.hearing);
    expect((await dismiss(id, { reason: 'x'.repeat(501) })).status).toBe(400);
    const res = await dismiss(id, { reason: 'a court hearing' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { report: ReportItem }).report).toMatchObject({ status: 'dismissed', dismissReason: 'a court hearing' });
    expect((await rows("SELECT action FROM events WHERE type = 'report' AND ref_id = ? ORDER BY seq", id)).map((r) => r.action)).toEqual([
      'created',
      'dismissed',
    ]);
    expect((await dismiss(id)).status).toBe(409);
    expect((await dismiss(id, {}, t.viewer)).status).toBe(403);
  });
});

describe('two analysts at once', () => {
  it('accept, merge and dismiss of one report: exactly one wins, the others get 409, one incident at most', async () => {
    for (let round = 0; round < 5; round++) {
      const [target] = await storeIncidents(t.store, [incidentBody()]);
      const [id] = await storeReports(t.store, { ...BANNU.first, url: `https://dawn.example/race-${round}` });
      const before = (await rows('SELECT count(*) AS n FROM incidents'))[0].n as number;
      // Rotate who asks first, so each kind of decision gets to win a round.
      const askers = [
        () => accept(id),
        () => merge(id, { incidentId: target }),
        () => dismiss(id),
        () => accept(id),
        () => merge(id, { incidentId: target }),
      ];
      const answers = await Promise.all([...askers.slice(round), ...askers.slice(0, round)].map((ask) => ask()));
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s < 300)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(4);
      const after = (await rows('SELECT count(*) AS n FROM incidents'))[0].n as number;
      const report = (await getReport(t.store, id))!;
      expect(after - before).toBe(report.status === 'accepted' ? 1 : 0);
      expect((await rows('SELECT count(*) AS n FROM incident_sources WHERE report_id = ?', id))[0].n).toBe(
        report.status === 'dismissed' ? 0 : 1,
      );
    }
  });
});
