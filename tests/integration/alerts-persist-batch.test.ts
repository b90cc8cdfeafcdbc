// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows, transact } from '@/db/engine';
import type { Store } from '@/db/store';
import { persistFiring, persistFirings, storeFirings, type DueFiring } from '@/db/services/alert-fire';
import { createRule } from '@/db/services/alert-rule-store';
import { loadRuleSet } from '@/db/services/alert-rule-cache';
import { ruleCreateSchema } from '@/lib/alerts/rule-schema';
import type { Firing } from '@/lib/alerts/types';
import { log } from '@/server/log.mjs';
import { incidentBody, storeIncidents } from '../support/api-factory';
import { openTestStore, type TestStore } from '../support/engine';

const NOW = Date.UTC(2026, 10, 25, 12);
let due: DueFiring[];
const open: TestStore[] = [];

/**
 * Each way of storing starts from its own store, seeded the same way (so with the same ids), on
 * the engine under test. Seeding writes outbox rows stamped with the wall clock: the dump leaves
 * out the events written before the firings under test (and PostgreSQL's transaction id column).
 */
async function fresh(): Promise<{ store: Store; ruleIds: number[]; ids: number[]; seeded: number }> {
  const t = await openTestStore();
  open.push(t);
  const ids = await storeIncidents(
    t.store,
    Array.from({ length: 6 }, (_, i) => incidentBody({ sourceId: `batch-${i}`, occurredAt: `2026-11-${20 + i}T06:00:00Z`, killed: i })),
  );
  const make = async (name: string, extra: Record<string, unknown> = {}) =>
    (
      await createRule(
        t.store,
        ruleCreateSchema.parse({ name, severity: 'critical', kind: 'mass-casualty', params: { killed: 1 }, ...extra }),
        NOW - 1000,
      )
    ).id;
  const ruleIds = [
    await make('plain'),
    await make('hooked', { webhookUrl: 'https://example.test/hook' }),
    await make('other', { severity: 'info' }),
  ];
  const rules = new Map((await loadRuleSet(t.store)).rules.map((c) => [c.rule.id, c.rule]));
  // An alert that already exists: firing it again is a duplicate.
  await persistFiring(t.store, rules.get(ruleIds[2])!, firing(ruleIds[2], 'incident:old', [ids[0]]), NOW - 60_000);
  const [{ seq }] = await rows<{ seq: number }>(t.store, sql`SELECT max(seq) AS seq FROM events WHERE type <> 'alert'`);
  return { store: t.store, ruleIds, ids, seeded: Number(seq) };
}

const dump = async (store: Store, seeded: number) => ({
  alerts: await rows(store, sql`SELECT * FROM alerts ORDER BY id`),
  links: await rows(store, sql`SELECT * FROM alert_incidents ORDER BY alert_id, incident_id`),
  events: await rows(store, sql`SELECT seq, type, ref_id, action, created_at FROM events WHERE seq > ${seeded} ORDER BY seq`),
  webhooks: await rows(store, sql`SELECT * FROM webhook_deliveries ORDER BY id`),
});
const firing = (
  ruleId: number,
  dedupeKey: string,
  incidentIds: number[],
  details: Record<string, unknown> = { n: incidentIds.length },
): Firing => ({
  ruleId,
  dedupeKey,
  incidentIds,
  summary: `rule ${ruleId}: ${dedupeKey} «${incidentIds.join(', ')}»`,
  details,
  at: NOW,
});

beforeAll(async () => {
  const { store, ruleIds, ids } = await fresh();
  const [plain, hooked, other] = ruleIds;
  const rules = new Map((await loadRuleSet(store)).rules.map((c) => [c.rule.id, c.rule]));
  due = [
    { rule: rules.get(plain)!, firing: firing(plain, `incident:${ids[1]}`, [ids[1]]) },
    {
      rule: rules.get(hooked)!,
      firing: firing(hooked, 'window:1', [ids[2], ids[3], ids[2], ids[4]], { observed: 3, note: 'quote " and \\ and ünïcode' }),
    },
    { rule: rules.get(other)!, firing: firing(other, 'incident:old', [ids[0]]) },
    { rule: rules.get(plain)!, firing: firing(plain, `incident:${ids[1]}`, [ids[1]]) },
    { rule: rules.get(other)!, firing: firing(other, `incident:${ids[5]}`, [ids[5], ids[4]]) },
    { rule: rules.get(hooked)!, firing: firing(hooked, `incident:${ids[5]}`, []) },
  ];
});
afterAll(async () => {
  for (const t of open) await t.close();
});

describe('storing the firings of one evaluation together', () => {
  it('stores the same alerts, links, outbox rows and webhook deliveries as storing them one by one', async () => {
    const oneByOne = await fresh();
    const expected = await transact(oneByOne.store, async (tx) => {
      const out: (number | null)[] = [];
      for (const { rule, firing } of due) out.push(await persistFiring(tx, rule, firing, NOW));
      return out;
    });
    const together = await fresh();
    const ids = await transact(together.store, (tx) => persistFirings(tx, due, NOW));
    expect(ids).toEqual(expected);
    expect(ids.filter((id) => id === null)).toHaveLength(2);
    expect(await dump(together.store, together.seeded)).toEqual(await dump(oneByOne.store, oneByOne.seeded));
  });

  it('falls back to one savepoint per firing when the batch fails: only the failing rule loses its remaining firings', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const bad = [...due.slice(0, 2), { ...due[4], firing: { ...due[4].firing, details: cyclic } }, due[5]];
    const db = await fresh();
    const error = vi.spyOn(log, 'error').mockImplementation(() => {});
    const fired = await transact(db.store, (tx) => storeFirings(tx, bad, NOW));
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
    const expectedDb = await fresh();
    const expected = await transact(expectedDb.store, async (tx) => {
      const out: (number | null)[] = [];
      for (const i of [0, 1, 3]) out.push(await persistFiring(tx, bad[i].rule, bad[i].firing, NOW));
      return out;
    });
    expect(fired).toEqual(expected);
    expect(await dump(db.store, db.seeded)).toEqual(await dump(expectedDb.store, expectedDb.seeded));
  });
});
