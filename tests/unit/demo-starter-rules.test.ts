import { describe, expect, it } from 'vitest';
import { starterRules } from '@/lib/demo/starter-rules';
import { alertShowcase } from '@/lib/demo/alert-showcase';
import { liveIncidentStream } from '@/lib/demo/live';
import { evaluateInstant } from '@/lib/alerts/evaluate';
import { previewRule } from '@/lib/alerts/preview';
import { incidentInputSchema } from '@/lib/incidents/input';
import { regionAtPoint } from '@/lib/geo/regions';
import type { IncidentFacts, Site } from '@/lib/alerts/types';
import { SEED_SITES } from '@/db/services/seed-sites';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const sites = new Map<number, Site>(SEED_SITES.map((s, i) => [i + 1, { id: i + 1, ...s }]));
const rules = starterRules([...sites.keys()]).map((r, i) => ({ ...previewRule(r), id: i + 1 }));

type Input = ReturnType<typeof incidentInputSchema.parse>;
const facts = (r: Input, id: number): IncidentFacts => ({
  id,
  occurredAt: Date.parse(r.occurredAt),
  groupId: 'ttp',
  region: regionAtPoint(r.lat, r.lon),
  eventType: r.eventType,
  subEventType: r.subEventType,
  killed: r.killed ?? null,
  injured: r.injured ?? null,
  crossBorder: r.crossBorder,
  lat: r.lat,
  lon: r.lon,
});

describe('starter rules', () => {
  it('are the five example kinds, valid create bodies, proximity watching every given site at 25 km', () => {
    expect(rules.map((r) => r.kind)).toEqual(['mass-casualty', 'spike', 'new-actor', 'cross-border', 'proximity']);
    expect(rules.find((r) => r.kind === 'proximity')?.params).toEqual({ radiusKm: 25, siteIds: [1, 2, 3, 4, 5, 6, 7] });
    expect(starterRules([]).map((r) => r.kind)).not.toContain('proximity');
  });

  it('the showcase incidents are recent (inside a 72 h horizon) and fire mass-casualty, cross-border and proximity', () => {
    const rows = alertShowcase(NOW).map((r) => incidentInputSchema.parse(r));
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(Date.parse(r.occurredAt)).toBeGreaterThan(NOW - 72 * 3_600_000);
    const kinds = new Set<string>();
    rows.forEach((r, i) => rules.forEach((rule) => evaluateInstant(rule, facts(r, i + 1), sites) && kinds.add(rule.kind)));
    expect([...kinds].sort()).toEqual(['cross-border', 'mass-casualty', 'proximity']);
  });

  it('`npm run simulate` traffic makes them fire: 200 simulated incidents trip the instant rules', () => {
    const next = liveIncidentStream(7);
    const fired = new Map<string, number>();
    for (let n = 0; n < 200; n++) {
      const r = incidentInputSchema.parse(next(NOW + n * 3000));
      for (const rule of rules) if (evaluateInstant(rule, facts(r, n + 1), sites)) fired.set(rule.kind, (fired.get(rule.kind) ?? 0) + 1);
    }
    expect(fired.get('mass-casualty') ?? 0).toBeGreaterThan(0);
    expect(fired.get('proximity') ?? 0).toBeGreaterThan(0);
  });
});
