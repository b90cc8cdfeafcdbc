// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { builder, rows, transact } from '@/db/engine';
import { alertRules, alerts, auditLog, events, meta, sites, users } from '@/db/schema';
import { closeStore, openStore, type Store } from '@/db/store';
import { acknowledgeAlert, resolveAlert } from '@/db/services/alerts';
import { createRule, deleteRule } from '@/db/services/alert-rule-store';
import { claimDue, enqueueWebhook } from '@/db/services/webhooks';
import { createUser, updateUser } from '@/db/services/users';
import { openSignedInSession, verifySession } from '@/db/services/sessions';
import { ensureSeedSites, SEED_SITES } from '@/db/services/sites';
import { ruleCreateSchema } from '@/lib/alerts/rule-schema';
import { openTestStore, testEngine, type TestStore } from '../support/engine';

/**
 * What SQLite's single writer used to settle, tried with two writers at once. On PostgreSQL they
 * are two stores (two pools, as two app instances would have) on one database; on SQLite the
 * same calls share one store, whose connection lock orders them (two connections in one process
 * would block each other's event loop in SQLite's busy wait).
 */
let t: TestStore;
let a: Store;
let b: Store;
beforeAll(async () => {
  t = await openTestStore();
  a = t.store;
  b = testEngine === 'postgres' ? openStore(t.target, { poolMax: 3, applicationName: 'frontier-watch-test-b' }) : t.store;
});
afterAll(async () => {
  if (b !== a) await closeStore(b);
  await t.close();
});

const NOW = Date.UTC(2026, 10, 25, 12);
const settle = <T>(ps: Promise<T>[]) => Promise.allSettled(ps);
const codes = (results: PromiseSettledResult<unknown>[]) =>
  results.map((r) => (r.status === 'fulfilled' ? 'ok' : ((r.reason as { code?: string }).code ?? String(r.reason)))).sort();

async function rule(name: string, webhookUrl?: string) {
  const input = { name, kind: 'cross-border', severity: 'info', ...(webhookUrl ? { webhookUrl } : {}) };
  return createRule(a, ruleCreateSchema.parse(input), NOW);
}

async function firingAlert(ruleId: number, key: string): Promise<number> {
  const [row] = await builder(a)
    .insert(alerts)
    .values({ ruleId, dedupeKey: key, severity: 'info', status: 'firing', firedAt: NOW, summary: key })
    .returning({ id: alerts.id });
  return row.id;
}

const auditCount = async (entity: string, entityId: number | string, action: string) =>
  (
    await builder(a)
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId)), eq(auditLog.action, action)))
  ).length;

describe(`races on ${testEngine}`, () => {
  it('the same alert acknowledged twice at once: one succeeds, one gets 409; one event, one audit row', async () => {
    const r = await rule('ack race');
    for (let round = 0; round < 5; round++) {
      const id = await firingAlert(r.id, `k${round}`);
      const results = await settle([
        acknowledgeAlert(a, id, { id: 'user:1', name: 'one' }, null, NOW),
        acknowledgeAlert(b, id, { id: 'user:2', name: 'two' }, null, NOW),
      ]);
      expect(codes(results)).toEqual(['conflict', 'ok']);
      const evs = await builder(a)
        .select()
        .from(events)
        .where(and(eq(events.type, 'alert'), eq(events.refId, id)));
      expect(evs.map((e) => e.action)).toEqual(['acknowledged']);
      expect(await auditCount('alert', id, 'acknowledge')).toBe(1);
    }
    const id = await firingAlert(r.id, 'resolve');
    expect(
      codes(
        await settle([resolveAlert(a, id, { id: 'user:1', name: 'one' }, 'x'), resolveAlert(b, id, { id: 'user:2', name: 'two' }, 'y')]),
      ),
    ).toEqual(['conflict', 'ok']);
  });

  it('a webhook delivery is claimed by exactly one worker', async () => {
    const r = await rule('claim race', 'http://127.0.0.1:9/hook');
    const alertIds = await Promise.all(Array.from({ length: 6 }, (_, i) => firingAlert(r.id, `d${i}`)));
    await transact(a, async (tx) => {
      for (const alertId of alertIds)
        await enqueueWebhook(tx, { alertId, ruleId: r.id, url: 'http://127.0.0.1:9/hook', payload: { alertId }, now: NOW });
    });
    const [x, y, z] = await Promise.all([claimDue(a, NOW, 4), claimDue(b, NOW, 4), claimDue(b, NOW, 4)]);
    const claimed = [...x, ...y, ...z].map((d) => d.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed).toHaveLength(6);
    // Leased: nobody claims them again until the lease runs out.
    expect(await claimDue(a, NOW + 1, 10)).toEqual([]);
  });

  it('the same email created twice at once: one account, one 409', async () => {
    const input = { email: 'twice@example.org', role: 'viewer' as const, password: 'a-long-enough-password' };
    const results = await settle([createUser(a, input, 'test'), createUser(b, input, 'test')]);
    expect(codes(results)).toEqual(['conflict', 'ok']);
    expect(await builder(a).select().from(users).where(eq(users.email, 'twice@example.org'))).toHaveLength(1);
  });

  it('two admins demoting each other at once: one active admin remains', async () => {
    await builder(a).update(users).set({ role: 'viewer' }).where(eq(users.role, 'admin'));
    const pw = 'a-long-enough-password';
    const one = (await createUser(a, { email: 'admin-one@example.org', role: 'admin', password: pw }, 'test')).user;
    const two = (await createUser(a, { email: 'admin-two@example.org', role: 'admin', password: pw }, 'test')).user;
    const results = await settle([
      updateUser(a, one.id, { role: 'analyst' }, `user:${two.id}`),
      updateUser(b, two.id, { disabled: true }, `user:${one.id}`),
    ]);
    expect(codes(results)).toEqual(['conflict', 'ok']);
    const [{ n }] = await rows<{ n: number }>(a, sql`SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL`);
    expect(Number(n)).toBe(1);
  });

  it('a sign-in racing a disable never leaves a live session', async () => {
    for (let round = 0; round < 4; round++) {
      const { user } = await createUser(
        a,
        { email: `racer-${round}@example.org`, role: 'analyst', password: 'a-long-enough-password' },
        'test',
      );
      const [session] = await Promise.all([
        openSignedInSession(b, user.id, { now: Date.now() }),
        updateUser(a, user.id, { disabled: true }, 'test'),
      ]);
      if (session) expect(await verifySession(a, session.token)).toBeNull();
      const [{ n }] = await rows<{ n: number }>(
        a,
        sql`SELECT count(*) AS n FROM sessions WHERE user_id = ${user.id} AND revoked_at IS NULL`,
      );
      // A session that committed before the disable was revoked by it; one after it was refused.
      expect(Number(n)).toBe(0);
    }
  });

  it('a rule deleted twice at once: one 204, one 404, one audit row', async () => {
    const r = await rule('delete race');
    expect(codes(await settle([deleteRule(a, r.id, 'user:1'), deleteRule(b, r.id, 'user:2')]))).toEqual(['not_found', 'ok']);
    expect(await builder(a).select().from(alertRules).where(eq(alertRules.id, r.id))).toHaveLength(0);
    expect(await auditCount('rule', r.id, 'delete')).toBe(1);
  });

  it('instances starting at once seed the default sites once', async () => {
    await builder(a).delete(sites);
    await builder(a).delete(meta).where(eq(meta.key, 'sites_seeded'));
    const seeded = await Promise.all([ensureSeedSites(a), ensureSeedSites(b), ensureSeedSites(b)]);
    expect(seeded.filter(Boolean)).toHaveLength(1);
    expect(await builder(a).select().from(sites)).toHaveLength(SEED_SITES.length);
  });
});
