// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type pg from 'pg';
import { POST } from '@/app/api/incidents/route';
import { builder } from '@/db/engine';
import { getStore } from '@/db/client';
import { alertIncidents, alerts, auditLog } from '@/db/schema';
import { createRule } from '@/db/services/alert-rule-store';
import { ruleCreateSchema } from '@/lib/alerts/rule-schema';
import { postJson, useTempDb, type TempDb } from '../support/api-db';
import { incidentBody } from '../support/api-factory';

/*
 * On PostgreSQL a POST's first alert reads go out with its insert, before the insert has answered
 * (db/services/incident-writes.ts, writeNew): the new row's id is not known when they are sent,
 * the rules' version is guessed, and the audit row rides with the COMMIT. Whatever the engine, the
 * alerts are those of the stored row (its id, the rules as they are), and on PostgreSQL a post
 * that fires nothing costs 2 round trips.
 */

let t: TempDb;
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const post = async (body: Record<string, unknown>) => {
  const res = await POST(postJson('/api/incidents', body, t.analyst));
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number };
};
const rule = (spec: Record<string, unknown>) => createRule(t.store, ruleCreateSchema.parse({ severity: 'warning', ...spec }));
const firedFor = async (ruleId: number) =>
  Promise.all(
    (await builder(t.store).select().from(alerts).where(eq(alerts.ruleId, ruleId))).map(async (a) => ({
      dedupeKey: a.dedupeKey,
      incidentIds: (
        await builder(t.store).select({ id: alertIncidents.incidentId }).from(alertIncidents).where(eq(alertIncidents.alertId, a.id))
      ).map((l) => l.id),
    })),
  );

/** Round trips finished on the route handlers' connections (one ReadyForQuery each), PostgreSQL only. */
function tripCounter(): () => number {
  let trips = 0;
  const pool = (getStore() as unknown as { $client: pg.Pool & { _clients: pg.PoolClient[] } }).$client;
  const hooked = new WeakSet<object>();
  const hook = (client: pg.PoolClient) => {
    if (hooked.has(client)) return;
    hooked.add(client);
    (client as unknown as { connection: pg.Connection }).connection.on('readyForQuery', () => trips++);
  };
  pool.on('connect', hook);
  pool._clients.forEach(hook);
  return () => trips;
}

beforeAll(async () => {
  t = await useTempDb();
});
afterAll(() => t.cleanup());

describe('a POST with its alert reads sent ahead of the insert', () => {
  it('fires for the stored row: its id in the link and the dedupe key, and its audit row is stored', async () => {
    const mass = await rule({ name: 'rt mass', kind: 'mass-casualty', params: { killed: 40 } });
    const item = await post(incidentBody({ sourceId: 'rt-mass-1', killed: 45, occurredAt: hourAgo() }));
    expect(await firedFor(mass.id)).toEqual([{ dedupeKey: `incident:${item.id}`, incidentIds: [item.id] }]);
    const audited = await builder(t.store)
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'incident'), eq(auditLog.entityId, String(item.id))));
    expect(audited.map((a) => [a.action, (JSON.parse(a.after!) as { id: number }).id])).toEqual([['create', item.id]]);
  });

  it('finds the earlier incident of the group for a new-actor rule, though the new row had no id when it looked', async () => {
    const actor = await rule({ name: 'rt actor', kind: 'new-actor', scope: { group: ['hafiz-gul-bahadur'] }, params: { days: 30 } });
    const at = hourAgo();
    const first = await post(incidentBody({ sourceId: 'rt-actor-1', group: 'hafiz-gul-bahadur', killed: 0, occurredAt: at }));
    // Same moment: the tie goes to the lower id, the first post's, so the second is not new.
    await post(incidentBody({ sourceId: 'rt-actor-2', group: 'hafiz-gul-bahadur', killed: 0, occurredAt: at }));
    expect((await firedFor(actor.id)).map((a) => a.incidentIds)).toEqual([[first.id]]);
  });

  it('evaluates with the rules as they are when they changed since the last post', async () => {
    await post(incidentBody({ sourceId: 'rt-change-0', killed: 0, occurredAt: hourAgo() })); // the rules as they were, used
    const added = await rule({ name: 'rt added', kind: 'mass-casualty', scope: { group: ['ttp'] }, params: { killed: 30 } });
    const item = await post(incidentBody({ sourceId: 'rt-change-1', killed: 35, occurredAt: hourAgo() }));
    expect(await firedFor(added.id)).toEqual([{ dedupeKey: `incident:${item.id}`, incidentIds: [item.id] }]);
  });

  it.runIf(process.env.TEST_DATABASE_URL !== undefined)(
    'PostgreSQL: 2 round trips for a post that fires nothing, 3 for one that fires an instant rule, and no repeat of a window alert',
    async () => {
      if (t.engine !== 'postgres') return;
      const window = await rule({ name: 'rt window', kind: 'threshold', scope: { region: ['kp'] }, params: { count: 2, windowHours: 24 } });
      const mass = await rule({ name: 'rt mass 2', kind: 'mass-casualty', params: { killed: 90 } });
      // Warm: the group matcher, the rules and the statements (named once repeated) on the connections.
      for (let i = 0; i < 12; i++) await post(incidentBody({ sourceId: `rt-warm-${i}`, killed: i % 2 ? 95 : 0, occurredAt: hourAgo() }));
      expect(await firedFor(window.id)).toHaveLength(1);
      const trips = tripCounter();
      const quiet: number[] = [];
      for (let i = 0; i < 5; i++) {
        const before = trips();
        await post(incidentBody({ sourceId: `rt-quiet-${i}`, killed: 0, occurredAt: hourAgo() }));
        quiet.push(trips() - before);
      }
      // The window crossed again, but it has fired: its stored key was read with the first reads.
      expect(quiet).toEqual([2, 2, 2, 2, 2]);
      const before = trips();
      const item = await post(incidentBody({ sourceId: 'rt-fires', killed: 99, occurredAt: hourAgo() }));
      expect(trips() - before).toBe(3);
      expect((await firedFor(mass.id)).filter((a) => a.incidentIds.includes(item.id))).toHaveLength(1);
      expect(await firedFor(window.id)).toHaveLength(1);
    },
  );
});
