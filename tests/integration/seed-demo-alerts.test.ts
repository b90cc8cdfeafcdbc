// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { alertRules, alerts } from '@/db/schema';
import { seedIfEmpty, seedDemoData } from '@/db/services/demo-seed';
import { deleteRule, listRules, updateRule } from '@/db/services/alert-rule-store';
import { listAlerts } from '@/db/services/alerts';
import { openTestStore, type TestStore } from '../support/engine';

const NOW = Date.parse('2026-11-25T12:00:00Z');
let t: TestStore;
beforeAll(async () => {
  t = await openTestStore({ timeZone: 'Asia/Karachi' });
});
afterAll(async () => {
  await t.close();
});

describe('the demo seed: alerts from the first minute', () => {
  it('seeds the starter rules, marked as examples, and firing alerts for the recent demo incidents', async () => {
    expect(await seedIfEmpty(t.store, { now: NOW })).toBeGreaterThan(0);
    const rules = await listRules(t.store);
    expect(rules.map((r) => r.kind).sort()).toEqual(['cross-border', 'mass-casualty', 'new-actor', 'proximity', 'spike']);
    expect(rules.every((r) => r.example)).toBe(true);
    expect(rules.find((r) => r.kind === 'spike')?.scope).toEqual({ region: ['kp'] });
    expect(rules.find((r) => r.kind === 'proximity')?.params).toMatchObject({ radiusKm: 25 });

    const page = await listAlerts(t.store, { status: 'firing', limit: 200 });
    expect(page.counts.firing).toBeGreaterThanOrEqual(1);
    const firedKinds = new Set(page.items.map((a) => rules.find((r) => r.id === a.ruleId)?.kind));
    // The showcase incidents (lib/demo/alert-showcase.ts) make these three fire on every seed.
    for (const kind of ['mass-casualty', 'cross-border', 'proximity']) expect(firedKinds, kind).toContain(kind);
  });

  it('keeps the example flag through edits, and never re-creates a deleted starter rule', async () => {
    const [first, second] = await listRules(t.store);
    const edited = await updateRule(t.store, first.id, { name: 'Renamed starter', severity: 'info' });
    expect(edited).toMatchObject({ name: 'Renamed starter', example: true });
    await deleteRule(t.store, second.id);
    await seedDemoData(t.store, { now: NOW + 3_600_000 });
    const after = await listRules(t.store);
    expect(after).toHaveLength(4);
    expect(after.map((r) => r.id)).not.toContain(second.id);
    const [{ n }] = await builder(t.store).select({ n: alertRules.id }).from(alertRules).where(eq(alertRules.name, 'Renamed starter'));
    expect(n).toBe(first.id);
    expect((await builder(t.store).select({ id: alerts.id }).from(alerts)).length).toBeGreaterThan(0);
  });
});
