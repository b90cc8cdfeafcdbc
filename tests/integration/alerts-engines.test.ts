// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { builder, rows, transact } from '@/db/engine';
import { alertIncidents, events, meta, sites } from '@/db/schema';
import { closeStore, openStore, type Store } from '@/db/store';
import { evaluateInserted, evaluateWindowRules } from '@/db/services/alert-engine';
import { storeFirings } from '@/db/services/alert-fire';
import { loadRuleSet } from '@/db/services/alert-rule-cache';
import { log } from '@/server/log.mjs';
import { decide, lazyWindowEvents, priorInRegion, scopeSql, spikeCounts, windowEvents } from '@/db/queries/alert-queries';
import type { RuleScope } from '@/lib/alerts/rule-schema';
import type { IncidentFacts } from '@/lib/alerts/types';
import { Rng } from '@/lib/demo/prng';
import { openTestStore, testEngine, type TestStore } from '../support/engine';
import {
  addIncidents as seedIncidents,
  addRule as seedRule,
  alertsOfRule,
  disableRules as disableAll,
  type IncidentSeed,
} from '../support/alert-seed';

/**
 * Alert evaluation and firing on the engine under test, seeded through the query builder. On
 * PostgreSQL a second store on the same database stands for a second instance: concurrent window
 * passes and concurrent evaluations of the same incidents must store each alert once. (On SQLite
 * both sides use the one connection, as one process does: two connections in one thread would
 * wait on each other's file lock synchronously.)
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 25, 12);
let t: TestStore;
let other: Store;
let siteId: number;

beforeAll(async () => {
  t = await openTestStore();
  other = testEngine === 'postgres' ? openStore(t.target, { poolMax: 2, applicationName: 'frontier-watch-test-b' }) : t.store;
  const db = builder(t.store);
  // One site of our own; the default sites stay out (their seeding belongs to the sites service).
  await db.insert(meta).values({ key: 'sites_seeded', value: '0' });
  [{ id: siteId }] = await db
    .insert(sites)
    .values({ name: 'Torkham border crossing', lat: 34.1126, lon: 71.0936, kind: 'border-crossing', createdAt: NOW })
    .returning({ id: sites.id });
});
afterAll(async () => {
  if (other !== t.store) await closeStore(other);
  await t.close();
});

const addRule = (body: Record<string, unknown>) => seedRule(t.store, body, NOW - 1000);
const addIncidents = (list: IncidentSeed[]) => seedIncidents(t.store, list, NOW);
const alertsOf = (ruleId: number) => alertsOfRule(t.store, ruleId);
const disableRules = () => disableAll(t.store);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const count = async (q: ReturnType<typeof sql>) => Number((await rows<{ n: number }>(t.store, q))[0].n);

describe(`alert evaluation on ${testEngine}`, () => {
  it('fires each rule kind on insert, in the writing transaction', async () => {
    const mass = await addRule({ name: 'mass', kind: 'mass-casualty', params: { killed: 10 } });
    const threshold = await addRule({ name: 'thr', kind: 'threshold', scope: { group: ['bla'] }, params: { count: 3, windowHours: 24 } });
    const cross = await addRule({ name: 'cross', kind: 'cross-border' });
    const actor = await addRule({ name: 'actor', kind: 'new-actor', params: { days: 30 } });
    const near = await addRule({ name: 'near', kind: 'proximity', params: { radiusKm: 10, siteIds: [siteId] } });
    const spike = await addRule({ name: 'spike', kind: 'spike', scope: { group: ['iskp'] }, params: { minCount: 5 } });
    // History: ISKP quiet in KP for weeks (the spike's baseline, and the new actor's prior in KP).
    await addIncidents([10, 20, 30, 40].map((d) => ({ at: NOW - d * DAY, group: 'iskp' })));
    const fresh = await addIncidents([
      { at: NOW - 5 * HOUR, killed: 12, lat: 30.18, lon: 66.99, region: 'balochistan' },
      ...[4, 3, 2].map((h) => ({ at: NOW - h * HOUR, group: 'bla', region: 'balochistan', lat: 30.18, lon: 66.99 })),
      { at: NOW - HOUR, country: 'TJ', region: 'tajikistan', group: 'iskp', lat: 37.6, lon: 69.3 },
      { at: NOW - 50 * 60_000, lat: 34.12, lon: 71.1, region: 'kp', group: 'iskp' },
      ...[40, 30, 20, 10].map((m) => ({ at: NOW - m * 60_000, group: 'iskp', region: 'kp' })),
    ]);
    const fired = await transact(t.store, (tx) => evaluateInserted(tx, fresh, { now: NOW, horizonHours: 72 }));
    const keys = async (id: number) => (await alertsOf(id)).map((a) => a.dedupeKey);
    expect(await keys(mass)).toEqual([`incident:${fresh[0]}`]);
    expect((await alertsOf(threshold)).map((a) => a.summary)).toEqual(['3 incidents by bla within 24 h (threshold 3)']);
    expect(await keys(cross)).toEqual([`incident:${fresh[4]}`]);
    // New actors: TTP and BLA in Balochistan (their first rows there), ISKP in Tajikistan; ISKP in KP has history.
    expect((await keys(actor)).sort()).toEqual([fresh[0], fresh[1], fresh[4]].map((id) => `incident:${id}`).sort());
    expect(await keys(near)).toEqual([`incident:${fresh[5]}`]);
    const [s] = await alertsOf(spike);
    expect(JSON.parse(s.details)).toMatchObject({ observed: 6, baseline: 0.5 }); // 4 in 8 weeks
    const links = await builder(t.store).select().from(alertIncidents).where(eq(alertIncidents.alertId, s.id));
    expect(links).toHaveLength(6);
    expect(fired).toHaveLength(1 + 1 + 1 + 3 + 1 + 1);
    const outbox = await builder(t.store).select().from(events).where(eq(events.type, 'alert'));
    expect(outbox.map((e) => e.refId).sort((a, b) => a - b)).toEqual([...fired].sort((a, b) => a - b));
    // The same incidents evaluated again (a retried transaction, another instance) store nothing more.
    expect(await transact(t.store, (tx) => evaluateInserted(tx, fresh, { now: NOW, horizonHours: 72 }))).toEqual([]);
  });

  it('stores each alert once when two instances evaluate the same incidents at once', async () => {
    await disableRules();
    const rule = await addRule({ name: 'race-insert', kind: 'mass-casualty', scope: { group: ['etim'] }, params: { killed: 1 } });
    const ids = await addIncidents(Array.from({ length: 20 }, (_, k) => ({ at: NOW - k * 60_000, group: 'etim', killed: 3 })));
    const opts = { now: NOW, horizonHours: 72 };
    const [a, b] = await Promise.all([
      transact(t.store, (tx) => evaluateInserted(tx, ids, opts)),
      transact(other, (tx) => evaluateInserted(tx, ids, opts)),
    ]);
    expect([...a, ...b]).toHaveLength(20);
    expect(await alertsOf(rule)).toHaveLength(20);
    expect(
      await count(sql`SELECT count(*) AS n FROM events WHERE type = 'alert' AND ref_id IN (SELECT id FROM alerts WHERE rule_id = ${rule})`),
    ).toBe(20);
  });

  /**
   * Two transactions (two instances on PostgreSQL) each write one incident and evaluate it before
   * either commits, so each first decides without the other's row. The first (seeds[0]) fires and
   * holds its transaction open a while; the second decides meanwhile, then must wait for the first
   * to commit and decide again seeing its row, as when one writer follows the other.
   */
  async function writeTogether(seeds: IncidentSeed[]): Promise<void> {
    const pg = testEngine === 'postgres';
    let arrived = 0;
    let release!: () => void;
    // Both rows are in before either evaluates. Not forever: a write that waited on the other's
    // row lock (the day rollup's row of one day, region and group) would never arrive.
    const both = new Promise<void>((r) => {
      release = r;
      setTimeout(r, 3000);
    });
    const run = (store: Store, seed: IncidentSeed, first: boolean) =>
      transact(store, async (tx) => {
        const ids = await seedIncidents(tx, [seed], NOW);
        if (pg) {
          if (++arrived === 2) release();
          await both;
          if (!first) await sleep(100);
        }
        await evaluateInserted(tx, ids, { now: NOW, horizonHours: 72 });
        if (pg && first) await sleep(400);
      });
    // On SQLite the two transactions take turns on the connection: one writer after the other.
    await Promise.all([run(t.store, seeds[0], true), run(other, seeds[1], false)]);
  }

  it('fires a new actor once when two instances write its first incidents at once', async () => {
    await disableRules();
    const rule = await addRule({ name: 'race-actor', kind: 'new-actor', scope: { group: ['hafiz-gul-bahadur'] }, params: { days: 30 } });
    // On two days: rows of one day, region and group would queue on their rollup row anyway.
    const seed = (h: number) => ({ at: NOW - h * HOUR, group: 'hafiz-gul-bahadur', region: 'barmal', country: 'AF' });
    await writeTogether([seed(30), seed(1)]);
    expect(await alertsOf(rule)).toHaveLength(1);
  });

  it('fires a threshold once when two instances write the incidents that cross it at once', async () => {
    await disableRules();
    const rule = await addRule({
      name: 'race-threshold',
      kind: 'threshold',
      scope: { group: ['jamaat-ul-ahrar'] },
      params: { count: 2, windowHours: 24 },
    });
    // The two new rows fall on two days, so in two 24-hour buckets (and two rollup rows): deciding
    // apart, each would cross in its own bucket.
    const midnight = Math.floor(NOW / DAY) * DAY - 2 * DAY;
    const jua = (at: number) => ({ at, group: 'jamaat-ul-ahrar' });
    await seedIncidents(t.store, [jua(midnight - 6 * HOUR)], NOW);
    await writeTogether([jua(midnight - HOUR), jua(midnight + HOUR)]);
    expect((await alertsOf(rule)).map((a) => a.dedupeKey)).toEqual([`window:${Math.floor((midnight - HOUR) / DAY)}`]);
  });

  it('stores each alert once when two window passes run at once', async () => {
    await disableRules();
    // Rules created after their incidents: only the scheduled pass can fire them.
    await addIncidents(
      Array.from({ length: 12 }, (_, k) => ({ at: NOW - (k + 1) * 30 * 60_000, group: 'tjp', region: 'barmal', killed: 2 })),
    );
    const rules: number[] = [];
    for (let k = 0; k < 8; k++)
      rules.push(
        await addRule({
          name: `race-window-${k}`,
          kind: 'threshold',
          scope: { group: ['tjp'] },
          params: k % 2 ? { count: 2 + k, windowHours: 12 } : { killed: 4 + k, windowHours: 6 },
        }),
      );
    rules.push(await addRule({ name: 'race-spike', kind: 'spike', scope: { group: ['tjp'] }, params: { minCount: 5 } }));
    for (let round = 0; round < 3; round++) {
      const opts = { now: NOW + round * 1000, horizonHours: 72 };
      const passes = await Promise.all([
        evaluateWindowRules(t.store, opts),
        evaluateWindowRules(other, opts),
        evaluateWindowRules(t.store, opts),
      ]);
      const ids = passes.flat();
      expect(new Set(ids).size, `round ${round}`).toBe(ids.length);
      if (round > 0) expect(ids, `round ${round}`).toEqual([]);
    }
    for (const rule of rules) expect(await alertsOf(rule), `rule ${rule}`).toHaveLength(1);
    const n = await count(
      sql`SELECT count(*) AS n FROM events WHERE type = 'alert' AND ref_id IN (SELECT id FROM alerts WHERE rule_id IN (${sql.join(
        rules.map((r) => sql`${r}`),
        sql`, `,
      )}))`,
    );
    expect(n).toBe(rules.length);
  });
});

describe(`storing firings on ${testEngine}`, () => {
  it("a firing the database refuses loses only its rule's firings, and the writing transaction goes on", async () => {
    await disableRules();
    const names = ['keep-a', 'refused', 'keep-b'];
    const ruleIds = [];
    for (const name of names) ruleIds.push(await addRule({ name, kind: 'cross-border' }));
    const set = await loadRuleSet(t.store);
    const rule = (id: number) => set.rules.find((c) => c.rule.id === id)!.rule;
    const [incident] = await addIncidents([{ at: NOW - HOUR }]);
    const firing = (ruleId: number, incidentIds: number[]) => ({
      ruleId,
      dedupeKey: `incident:${incident}`,
      incidentIds,
      summary: `rule ${ruleId}`,
      details: {},
      at: NOW,
    });
    // A link to an incident that does not exist breaks the foreign key: on PostgreSQL that error
    // aborts the whole transaction unless it happened in a savepoint.
    const due = [
      { rule: rule(ruleIds[0]), firing: firing(ruleIds[0], [incident]) },
      { rule: rule(ruleIds[1]), firing: firing(ruleIds[1], [incident, 987_654_321]) },
      { rule: rule(ruleIds[2]), firing: firing(ruleIds[2], [incident]) },
    ];
    const error = vi.spyOn(log, 'error').mockImplementation(() => {});
    const fired = await transact(t.store, async (tx) => {
      const ids = await storeFirings(tx, due, NOW);
      await builder(tx).insert(meta).values({ key: 'after-firings', value: '1' });
      return ids;
    });
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
    expect(fired).toHaveLength(2);
    expect(await alertsOf(ruleIds[0])).toHaveLength(1);
    expect(await alertsOf(ruleIds[1])).toHaveLength(0);
    expect(await alertsOf(ruleIds[2])).toHaveLength(1);
    expect(await builder(t.store).select().from(meta).where(eq(meta.key, 'after-firings'))).toHaveLength(1);
  });
});

describe(`alert reads on ${testEngine}`, () => {
  const rng = new Rng(7);
  beforeAll(async () => {
    const at = NOW - 200 * HOUR;
    await addIncidents([
      // Ties at one instant: the lazy read's keyset must split them by id.
      ...Array.from({ length: 30 }, () => ({ at, group: 'bla', region: 'kp' })),
      ...Array.from({ length: 120 }, () => ({
        at: NOW - 300 * HOUR + rng.int(0, 200) * HOUR,
        group: rng.pick(['ttp', 'bla', 'iskp']),
        region: rng.pick(['kp', 'balochistan', null]),
        killed: rng.int(0, 4),
      })),
    ]);
  });

  it('reads a window lazily exactly as the whole window, and counts spikes', async () => {
    const scopes: RuleScope[] = [{}, { group: ['bla'] }, { group: ['ttp', 'iskp'], region: ['kp'] }, { region: ['balochistan', 'barmal'] }];
    for (const scope of scopes) {
      const s = scopeSql(scope);
      const from = NOW - 301 * HOUR;
      const whole = await windowEvents(t.store, s, from, NOW);
      const seq = lazyWindowEvents(t.store, s, from, NOW);
      const lazy = await decide(seq, (q) => {
        const out = [];
        for (let k = 0; q.get(k); k++) out.push(q.get(k));
        return out;
      });
      expect(lazy, JSON.stringify(scope)).toEqual(whole);
      const c = await spikeCounts(t.store, s, { baselineFrom: from, observedFrom: NOW - 100 * HOUR, to: NOW - 1 });
      expect(c.observed + c.baseline).toBe(whole.length);
      expect(c.observed).toBe(whole.filter((e) => e.at > NOW - 100 * HOUR).length);
    }
  });

  it('finds the prior incident of a group in a region as the plain query does', async () => {
    const all = await rows<{ id: number; at: number; groupId: string; region: string | null }>(
      t.store,
      sql`SELECT id, occurred_at AS at, group_id AS "groupId", region FROM incidents ORDER BY id`,
    );
    for (const r of all.filter((x) => x.region !== null).slice(0, 80)) {
      const i = { id: r.id, occurredAt: r.at, groupId: r.groupId, region: r.region } as IncidentFacts;
      const since = r.at - 20 * DAY;
      const want = all
        .filter((x) => x.groupId === r.groupId && x.region === r.region && x.id !== r.id && x.at >= since)
        .filter((x) => x.at < r.at || (x.at === r.at && x.id < r.id))
        .reduce<number | null>((best, x) => (best === null || x.at > best ? x.at : best), null);
      expect(await priorInRegion(t.store, i, since), JSON.stringify(r)).toBe(want);
    }
  });
});
