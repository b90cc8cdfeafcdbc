import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts, alertIncidents } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { createRule } from '@/db/services/alert-rule-store';
import { evaluateWindowRules } from '@/db/services/alert-engine';
import { lazyWindowEvents, scopeSql, windowEvents } from '@/db/queries/alert-queries';
import { ruleCreateSchema, type RuleScope } from '@/lib/alerts/rule-schema';
import { evaluateThreshold } from '@/lib/alerts/window-rules';
import { HOUR_MS, type Rule } from '@/lib/alerts/types';
import { Rng } from '@/lib/demo/prng';
import { useTempDb, type TempDb } from '../support/api-db';
import { hoursAgo, importRows } from '../support/alert-import';

/**
 * The scheduled pass reads each threshold window lazily; what it stores must be what the whole
 * window evaluated at once (the previous implementation, kept here as the reference) fires.
 */
let t: TempDb;
const now = Date.now();

beforeAll(async () => {
  t = await useTempDb();
  const rng = new Rng(5);
  // Incidents from 60 to 0 hours ago, some bursts, with casualties; imported with a `now` before
  // any of them so ingest fires nothing and only the scheduled pass decides.
  const rows = Array.from({ length: 90 }, (_, k) => ({
    sourceId: `w-${k}`,
    occurredAt: hoursAgo(now, rng.chance(0.3) ? 20 + rng.float() * 3 : rng.float() * 60),
    lat: 34.01,
    lon: 71.58,
    admin1: 'Khyber Pakhtunkhwa',
    group: rng.pick(['TTP', 'BLA', 'ISKP']),
    killed: rng.int(0, 6),
  }));
  await importRows(t.db, rows, now - 1000 * HOUR_MS);
});
afterAll(() => t.cleanup());

describe('scheduled threshold pass', () => {
  it('stores exactly the firings of the whole-window evaluation', async () => {
    const rng = new Rng(9);
    const rules: Rule[] = [];
    for (let k = 0; k < 30; k++) {
      const params = rng.chance(0.5)
        ? { count: rng.int(2, 12), windowHours: rng.pick([1, 3, 6, 12, 24, 48]) }
        : { killed: rng.int(3, 40), windowHours: rng.pick([1, 6, 24, 48]) };
      const scope = rng.chance(0.5) ? {} : { group: [rng.pick(['ttp', 'bla', 'iskp'])] };
      rules.push(
        (await createRule(
          t.db,
          ruleCreateSchema.parse({ name: `r${k}`, kind: 'threshold', severity: 'info', scope, params }),
        )) as unknown as Rule,
      );
    }
    const expected = new Map<number, { key: string; ids: number[]; summary: string }>();
    for (const r of rules) {
      if (r.kind !== 'threshold') continue;
      const events = windowEvents(t.db, scopeSql(r.scope), now - r.params.windowHours * HOUR_MS, now + 1);
      const last = events.at(-1);
      const f = last && last.at >= now - 72 * HOUR_MS ? evaluateThreshold(r, r.params, events, last.at) : null;
      if (f) expected.set(r.id, { key: f.dedupeKey, ids: f.incidentIds, summary: f.summary });
    }
    expect(expected.size).toBeGreaterThan(5);
    evaluateWindowRules(t.db, { now, horizonHours: 72 });
    for (const r of rules) {
      const stored = t.db.select().from(alerts).where(eq(alerts.ruleId, r.id)).all();
      const want = expected.get(r.id);
      expect(stored.length, r.name).toBe(want ? 1 : 0);
      if (!want) continue;
      expect({ key: stored[0].dedupeKey, summary: stored[0].summary }, r.name).toEqual({ key: want.key, summary: want.summary });
      const ids = t.db
        .select({ id: alertIncidents.incidentId })
        .from(alertIncidents)
        .where(eq(alertIncidents.alertId, stored[0].id))
        .all()
        .map((x) => x.id);
      expect(
        ids.sort((a, b) => a - b),
        r.name,
      ).toEqual([...want.ids].sort((a, b) => a - b));
    }
    // A second pass adds nothing.
    expect(evaluateWindowRules(t.db, { now, horizonHours: 72 })).toEqual([]);
  });

  it('reads a window lazily, chunk after chunk, exactly as the whole window reads', async () => {
    // 40 incidents at one instant: the keyset continuation must split ties by id.
    const at = hoursAgo(now, 30);
    await importRows(
      t.db,
      Array.from({ length: 40 }, (_, k) => ({
        sourceId: `tie-${k}`,
        occurredAt: at,
        lat: 34.01,
        lon: 71.58,
        admin1: 'Khyber Pakhtunkhwa',
        group: 'TTP',
      })),
      now - 1000 * HOUR_MS,
    );
    const scopes: RuleScope[] = [{}, { group: ['ttp'] }, { group: ['bla', 'iskp'] }, { region: ['kp'] }];
    for (const scope of scopes) {
      for (const [from, to] of [
        [now - 61 * HOUR_MS, now + 1],
        [now - 31 * HOUR_MS, now - 29 * HOUR_MS],
        [now - HOUR_MS, now],
      ]) {
        const whole = windowEvents(t.db, scopeSql(scope), from, to);
        const seq = lazyWindowEvents(t.db, scopeSql(scope), from, to);
        const lazy: ReturnType<typeof seq.get>[] = [];
        for (let k = 0; seq.get(k); k++) lazy.push(seq.get(k));
        expect(lazy, JSON.stringify({ scope, from, to })).toEqual(whole);
      }
    }
    expect(windowEvents(t.db, scopeSql({ group: ['ttp'] }), now - 61 * HOUR_MS, now + 1).length).toBeGreaterThan(60);
  });
});
