// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertIncidents } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { loadRuleSet } from '@/db/services/alert-rule-cache';
import { evaluateWindowRules } from '@/db/services/alert-engine';
import { decide, lazyWindowEvents, scopeSql, windowEvents } from '@/db/queries/alert-queries';
import type { RuleScope } from '@/lib/alerts/rule-schema';
import { evaluateThreshold } from '@/lib/alerts/window-rules';
import { HOUR_MS, type Rule } from '@/lib/alerts/types';
import { Rng } from '@/lib/demo/prng';
import { useTempDb, type TempDb } from '../support/api-db';
import { hoursAgo } from '../support/alert-import';
import { incidentBody, storeIncidents } from '../support/api-factory';
import { addRule, alertsOfRule } from '../support/alert-seed';

/**
 * The scheduled pass reads each threshold window lazily; what it stores must be what the whole
 * window evaluated at once (the previous implementation, kept here as the reference) fires.
 */
let t: TempDb;
const now = Date.now();

beforeAll(async () => {
  t = await useTempDb();
  const rng = new Rng(5);
  // Incidents from 60 to 0 hours ago, some bursts, with casualties; written before any rule
  // exists, so only the scheduled pass decides.
  const rows = Array.from({ length: 90 }, (_, k) =>
    incidentBody({
      sourceId: `w-${k}`,
      occurredAt: hoursAgo(now, rng.chance(0.3) ? 20 + rng.float() * 3 : rng.float() * 60),
      lat: 34.01,
      lon: 71.58,
      admin1: 'Khyber Pakhtunkhwa',
      group: rng.pick(['TTP', 'BLA', 'ISKP']),
      killed: rng.int(0, 6),
    }),
  );
  await storeIncidents(t.store, rows);
});
afterAll(() => t.cleanup());

describe('scheduled threshold pass', () => {
  it('stores exactly the firings of the whole-window evaluation', async () => {
    const rng = new Rng(9);
    const ids: number[] = [];
    for (let k = 0; k < 30; k++) {
      const params = rng.chance(0.5)
        ? { count: rng.int(2, 12), windowHours: rng.pick([1, 3, 6, 12, 24, 48]) }
        : { killed: rng.int(3, 40), windowHours: rng.pick([1, 6, 24, 48]) };
      const scope = rng.chance(0.5) ? {} : { group: [rng.pick(['ttp', 'bla', 'iskp'])] };
      ids.push(await addRule(t.store, { name: `r${k}`, kind: 'threshold', severity: 'info', scope, params }, now));
    }
    const rules: Rule[] = (await loadRuleSet(t.store)).rules.map((c) => c.rule).filter((r) => ids.includes(r.id));
    expect(rules).toHaveLength(30);
    const expected = new Map<number, { key: string; ids: number[]; summary: string }>();
    for (const r of rules) {
      if (r.kind !== 'threshold') continue;
      const events = await windowEvents(t.store, scopeSql(r.scope), now - r.params.windowHours * HOUR_MS, now + 1);
      const last = events.at(-1);
      const f = last && last.at >= now - 72 * HOUR_MS ? evaluateThreshold(r, r.params, events, last.at) : null;
      if (f) expected.set(r.id, { key: f.dedupeKey, ids: f.incidentIds, summary: f.summary });
    }
    expect(expected.size).toBeGreaterThan(5);
    await evaluateWindowRules(t.store, { now, horizonHours: 72 });
    for (const r of rules) {
      const stored = await alertsOfRule(t.store, r.id);
      const want = expected.get(r.id);
      expect(stored.length, r.name).toBe(want ? 1 : 0);
      if (!want) continue;
      expect({ key: stored[0].dedupeKey, summary: stored[0].summary }, r.name).toEqual({ key: want.key, summary: want.summary });
      const linked = (
        await builder(t.store)
          .select({ id: alertIncidents.incidentId })
          .from(alertIncidents)
          .where(eq(alertIncidents.alertId, stored[0].id))
      ).map((x) => x.id);
      expect(
        linked.sort((a, b) => a - b),
        r.name,
      ).toEqual([...want.ids].sort((a, b) => a - b));
    }
    // A second pass adds nothing.
    expect(await evaluateWindowRules(t.store, { now, horizonHours: 72 })).toEqual([]);
  });

  it('reads a window lazily, chunk after chunk, exactly as the whole window reads', async () => {
    // 40 incidents at one instant: the keyset continuation must split ties by id.
    const at = hoursAgo(now, 30);
    await storeIncidents(
      t.store,
      Array.from({ length: 40 }, (_, k) => incidentBody({ sourceId: `tie-${k}`, occurredAt: at, group: 'TTP' })),
    );
    const scopes: RuleScope[] = [{}, { group: ['ttp'] }, { group: ['bla', 'iskp'] }, { region: ['kp'] }];
    for (const scope of scopes) {
      for (const [from, to] of [
        [now - 61 * HOUR_MS, now + 1],
        [now - 31 * HOUR_MS, now - 29 * HOUR_MS],
        [now - HOUR_MS, now],
      ]) {
        const whole = await windowEvents(t.store, scopeSql(scope), from, to);
        const seq = lazyWindowEvents(t.store, scopeSql(scope), from, to);
        // On PostgreSQL each chunk is read when the walk asks past the loaded ones (decide).
        const lazy = await decide(seq, (s) => {
          const out: ReturnType<typeof s.get>[] = [];
          for (let k = 0; s.get(k); k++) out.push(s.get(k));
          return out;
        });
        expect(lazy, JSON.stringify({ scope, from, to })).toEqual(whole);
      }
    }
    expect((await windowEvents(t.store, scopeSql({ group: ['ttp'] }), now - 61 * HOUR_MS, now + 1)).length).toBeGreaterThan(60);
  });
});
