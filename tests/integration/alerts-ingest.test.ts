import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { alertIncidents, alerts, events, incidents } from '@/db/schema';
import { createRule } from '@/db/services/alert-rule-store';
import { evaluateWindowRules } from '@/db/services/alert-engine';
import { listSites } from '@/db/services/sites';
import { loadRuleSet } from '@/db/services/alert-rule-cache';
import { ruleCreateSchema } from '@/lib/alerts/rule-schema';
import { useTempDb, type TempDb } from '../support/api-db';
import { hoursAgo, importRows, type Row } from '../support/alert-import';

const NOW = Date.UTC(2026, 10, 25, 12);
let t: TempDb;
const ruleIds: Record<string, number> = {};

async function add(name: string, body: Record<string, unknown>) {
  ruleIds[name] = (await createRule(t.db, ruleCreateSchema.parse({ name, severity: 'warning', ...body }), NOW - 1000)).id;
}
function alertsOf(name: string) {
  return t.db.select().from(alerts).where(eq(alerts.ruleId, ruleIds[name])).orderBy(asc(alerts.id)).all();
}

// A quiet baseline for KP (older than the horizon: imported without firing anything).
const baseline: Row[] = Array.from({ length: 8 }, (_, i) => ({
  sourceId: `base-${i}`,
  occurredAt: hoursAgo(NOW, 24 * (10 + 6 * i)),
  lat: 34.01,
  lon: 71.58,
}));
const batch: Row[] = [
  { sourceId: 'kp-1', occurredAt: hoursAgo(NOW, 20), lat: 34.01, lon: 71.58 },
  { sourceId: 'kp-2', occurredAt: hoursAgo(NOW, 10), lat: 34.01, lon: 71.58, killed: 12, injured: 30 },
  { sourceId: 'kp-3', occurredAt: hoursAgo(NOW, 2), lat: 34.15, lon: 71.1 },
  { sourceId: 'kp-4', occurredAt: hoursAgo(NOW, 1), lat: 34.01, lon: 71.58 },
  { sourceId: 'kp-5', occurredAt: hoursAgo(NOW, 0.5), lat: 34.01, lon: 71.58 },
  { sourceId: 'tj-1', occurredAt: hoursAgo(NOW, 5), country: 'TJ', lat: 37.6, lon: 69.3 },
  { sourceId: 'tj-2', occurredAt: hoursAgo(NOW, 4), country: 'TJ', lat: 37.6, lon: 69.3 },
  { sourceId: 'old-mass', occurredAt: hoursAgo(NOW, 100), lat: 34.01, lon: 71.58, killed: 50 },
];

beforeAll(async () => {
  t = await useTempDb();
  loadRuleSet(t.db); // seeds the default sites
  const torkham = (await listSites(t.db)).find((s) => s.name.startsWith('Torkham'))!;
  await add('mass', { kind: 'mass-casualty', params: { killed: 10 } });
  await add('threshold', { kind: 'threshold', scope: { region: ['kp'] }, params: { count: 3, windowHours: 24 } });
  await add('cross', { kind: 'cross-border' });
  await add('new-actor', { kind: 'new-actor', params: { days: 30 } });
  await add('proximity', { kind: 'proximity', params: { radiusKm: 10, siteIds: [torkham.id] } });
  await add('spike', { kind: 'spike', scope: { region: ['kp'] }, params: { minCount: 5 } });
  await add('silenced', { kind: 'mass-casualty', params: { killed: 1 }, silencedUntil: new Date(NOW + 3_600_000).toISOString() });
  await add('disabled', { kind: 'mass-casualty', params: { killed: 1 }, enabled: false });
  await importRows(t.db, baseline, NOW);
});
afterAll(() => t.cleanup());

describe('afterIngest through the CSV import', () => {
  it('fires nothing for history older than the horizon', () => {
    expect(t.db.select().from(alerts).all()).toHaveLength(0);
  });

  it('fires each expected alert exactly once', async () => {
    await importRows(t.db, batch, NOW);
    const id = (sid: string) => t.db.select({ id: incidents.id }).from(incidents).where(eq(incidents.sourceId, sid)).get()!.id;
    const mass = alertsOf('mass');
    expect(mass).toHaveLength(1);
    expect(mass[0].summary).toBe('Mass casualty: 12 killed, 30 injured in Khyber Pakhtunkhwa (threshold 10 killed)');
    expect(
      t.db
        .select()
        .from(alertIncidents)
        .where(eq(alertIncidents.alertId, mass[0].id))
        .all()
        .map((r) => r.incidentId),
    ).toEqual([id('kp-2')]);

    const thr = alertsOf('threshold');
    expect(thr).toHaveLength(1);
    expect(thr[0].summary).toBe('5 incidents in Khyber Pakhtunkhwa within 24 h (threshold 3)');

    const cross = alertsOf('cross');
    expect(cross.map((a) => a.dedupeKey).sort()).toEqual([`incident:${id('tj-1')}`, `incident:${id('tj-2')}`].sort());

    // TTP in Tajikistan: only the first of the two fires; TTP in KP has history (baseline) → none.
    const na = alertsOf('new-actor');
    expect(na.map((a) => a.dedupeKey)).toEqual([`incident:${id('tj-1')}`]);
    expect(na[0].summary).toBe("New actor: ttp's first incident in Tajikistan in 30 days");

    const prox = alertsOf('proximity');
    expect(prox.map((a) => a.dedupeKey)).toEqual([`incident:${id('kp-3')}`]);
    expect(prox[0].summary).toMatch(/km from Torkham border crossing \(radius 10 km\)$/);

    const spike = alertsOf('spike');
    expect(spike).toHaveLength(1);
    const d = JSON.parse(spike[0].details) as { observed: number; baseline: number; p: number };
    expect(d.observed).toBe(6); // includes the 100-hour-old row: history counts, it just does not fire itself
    expect(d.baseline).toBe(1);
    expect(d.p).toBeCloseTo(0.000594, 5); // P(X ≥ 6 | λ = 1)

    expect(alertsOf('silenced')).toHaveLength(0);
    expect(alertsOf('disabled')).toHaveLength(0);
    // The horizon: the 100-hour-old mass-casualty incident fired nothing.
    expect(
      t.db
        .select()
        .from(alerts)
        .where(eq(alerts.dedupeKey, `incident:${id('old-mass')}`))
        .all(),
    ).toHaveLength(0);
  });

  it('appends one outbox event per alert', () => {
    const fired = t.db.select().from(events).where(eq(events.type, 'alert')).all();
    expect(
      fired
        .filter((e) => e.action === 'fired')
        .map((e) => e.refId)
        .sort(),
    ).toEqual(
      t.db
        .select()
        .from(alerts)
        .all()
        .map((a) => a.id)
        .sort(),
    );
  });

  it('re-importing the same file fires nothing; updated rows do not re-fire', async () => {
    const before = t.db.select().from(alerts).all().length;
    const report = await importRows(t.db, batch, NOW + 60_000);
    expect(report.unchanged).toBe(batch.length);
    const changed = batch.map((r) => (r.sourceId === 'kp-1' ? { ...r, killed: 40 } : r));
    expect((await importRows(t.db, changed, NOW + 120_000)).updated).toBe(1);
    expect(t.db.select().from(alerts).all()).toHaveLength(before);
  });

  it('the scheduled pass does not duplicate what ingest fired', () => {
    const before = t.db.select().from(alerts).all().length;
    evaluateWindowRules(t.db, { now: NOW + 60_000, horizonHours: 72 });
    expect(t.db.select().from(alerts).all()).toHaveLength(before);
  });

  it('the scheduled pass fires a window rule created after its incidents arrived', async () => {
    await add('late-threshold', { kind: 'threshold', scope: { region: ['tajikistan'] }, params: { count: 2, windowHours: 6 } });
    evaluateWindowRules(t.db, { now: NOW, horizonHours: 72 });
    expect(alertsOf('late-threshold').map((a) => a.summary)).toEqual(['2 incidents in Tajikistan within 6 h (threshold 2)']);
  });
});

describe('failure isolation', () => {
  it('a rule that throws does not block the ingest or other rules', async () => {
    // Corrupt one rule's stored params behind the API's back, then force a cache reload.
    const bad = await createRule(t.db, ruleCreateSchema.parse({ name: 'bad', severity: 'info', kind: 'cross-border' }), NOW);
    const good = await createRule(t.db, ruleCreateSchema.parse({ name: 'good', severity: 'info', kind: 'cross-border' }), NOW);
    t.db.$client.prepare(`UPDATE alert_rules SET scope = '{"region":"not-a-list"}' WHERE id = ?`).run(bad.id);
    t.db.$client.prepare("UPDATE meta SET value = 'v-' || random() WHERE key = 'alert_rules_version'").run();
    const report = await importRows(t.db, [{ sourceId: 'iso-1', occurredAt: hoursAgo(NOW, 1), country: 'TJ', lat: 37.6, lon: 69.3 }], NOW);
    expect(report.inserted).toBe(1);
    expect(t.db.select().from(alerts).where(eq(alerts.ruleId, good.id)).all()).toHaveLength(1);
    expect(t.db.select().from(alerts).where(eq(alerts.ruleId, bad.id)).all()).toHaveLength(0);
  });
});
