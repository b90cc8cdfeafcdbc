import { describe, expect, it } from 'vitest';
import { areaCounts, generateDemoIncidents, instantOf, pakistanTarget } from '@/lib/demo/generate';
import type { DemoIncident } from '@/lib/demo/incident';
import { incidentInputSchema } from '@/lib/incidents/input';
import { assignRegion } from '@/lib/geo/assign-region';
import { regionAtPoint } from '@/lib/geo/regions';
import { GroupMatcher } from '@/lib/taxonomy/groups';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const rows = generateDemoIncidents({ now: NOW });
const matcher = new GroupMatcher();
const yearOf = (r: DemoIncident) => new Date(instantOf(r.occurredAt)).getUTCFullYear();
const regionOf = (r: DemoIncident) => assignRegion({ country: r.country, admin1: r.admin1, admin2: r.admin2, lat: r.lat, lon: r.lon });
const pakistan = (year: number) => rows.filter((r) => r.country === 'PK' && yearOf(r) === year);

describe('demo generator determinism', () => {
  it('returns identical rows for the same seed and now', () => {
    expect(generateDemoIncidents({ now: NOW })).toEqual(rows);
  });

  it('keeps earlier rows unchanged when now moves on, so re-seeding is idempotent', () => {
    const later = new Map(generateDemoIncidents({ now: NOW + 3 * 86_400_000 }).map((r) => [r.sourceId, r]));
    for (const r of rows) {
      // The live trickle covers only the last week; older trickle rows stay in the database untouched.
      if (r.sourceId.startsWith('demo-live-') && !later.has(r.sourceId)) continue;
      expect(later.get(r.sourceId), r.sourceId).toEqual(r);
    }
  });

  it('gives every row a unique stable demo id and stops at now', () => {
    expect(new Set(rows.map((r) => r.sourceId)).size).toBe(rows.length);
    expect(rows.every((r) => r.source === 'demo' && /^demo-/.test(r.sourceId))).toBe(true);
    expect(Math.max(...rows.map((r) => instantOf(r.occurredAt)))).toBeLessThanOrEqual(NOW);
    expect(Math.min(...rows.map((r) => instantOf(r.occurredAt)))).toBeGreaterThanOrEqual(Date.UTC(2023, 0, 1));
  });

  it('a different seed gives different data', () => {
    expect(generateDemoIncidents({ now: NOW, seed: 7 })).not.toEqual(rows);
  });
});

describe('demo generator calibration', () => {
  it('hits the published Pakistan totals exactly: 303 in 2023, 521 in 2024 (+72%)', () => {
    expect(pakistan(2023)).toHaveLength(303);
    expect(pakistan(2024)).toHaveLength(521);
    expect(pakistan(2024).length / pakistan(2023).length).toBeCloseTo(1.72, 2);
    expect(pakistan(2025).length).toBeGreaterThanOrEqual(521);
  });

  it('puts at least 95% of 2024 Pakistani attacks in KP and Balochistan', () => {
    const inRegions = pakistan(2024).filter((r) => ['kp', 'balochistan'].includes(regionOf(r) ?? ''));
    expect(inRegions.length / 521).toBeGreaterThanOrEqual(0.95);
    expect(inRegions.length).toBeLessThan(521); // some attacks happen elsewhere too
  });

  it('makes TTP the largest contributor, with BLA second', () => {
    const counts = new Map<string, number>();
    for (const r of pakistan(2024)) {
      const id = matcher.match(r.group).group.id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    expect(ranked[0]).toBe('ttp');
    expect(ranked.slice(0, 3)).toContain('bla');
  });

  it('splits areas exactly by largest remainder', () => {
    for (const year of [2023, 2024, 2025, 2026]) {
      const c = areaCounts(pakistanTarget(year));
      expect(c.kp + c.balochistan + c['pk-other']).toBe(pakistanTarget(year));
    }
  });
});

describe('demo generator content', () => {
  it('every row passes the public incident input schema and names a known group', () => {
    for (const r of rows) {
      const parsed = incidentInputSchema.safeParse(r);
      expect(parsed.success, `${r.sourceId}: ${parsed.error?.message}`).toBe(true);
      expect(matcher.match(r.group).isNew, r.group).toBe(false);
    }
  });

  it('places points inside the region their admin names say', () => {
    for (const r of rows) expect(regionAtPoint(r.lat, r.lon), r.sourceId).toBe(regionOf(r));
  });

  it('includes the Dec 2024 Barmal airstrikes at month precision', () => {
    const e = rows.find((r) => r.subEventType === 'Air/drone strike' && regionOf(r) === 'barmal');
    expect(e).toMatchObject({
      timePrecision: 3,
      crossBorder: true,
      eventType: 'Explosions/Remote violence',
      group: 'Military Forces of Pakistan (2018-)',
    });
    expect(e?.occurredAt.startsWith('2024-12')).toBe(true);
  });

  it('includes the autumn 2024 attack on Chinese mining personnel in Tajikistan', () => {
    const e = rows.find((r) => regionOf(r) === 'tajikistan' && r.target === 'foreign-nationals');
    expect(e).toMatchObject({ killed: 1, injured: 4, crossBorder: true, country: 'TJ' });
    expect(matcher.match(e!.group).group.id).toBe('unknown');
    expect(e!.occurredAt >= '2024-09' && e!.occurredAt < '2024-12').toBe(true);
  });

  it('has a few more Barmal and Tajikistan incidents and recent rows for the live presets', () => {
    expect(rows.filter((r) => regionOf(r) === 'barmal').length).toBeGreaterThan(3);
    expect(rows.filter((r) => regionOf(r) === 'tajikistan').length).toBeGreaterThan(3);
    expect(rows.filter((r) => instantOf(r.occurredAt) > NOW - 86_400_000).length).toBeGreaterThan(0);
    expect(rows.filter((r) => instantOf(r.occurredAt) > NOW - 7 * 86_400_000).length).toBeGreaterThanOrEqual(10);
  });

  it('clusters bursts of attacks on one town within a week', () => {
    const pk = pakistan(2024).map((r) => ({ town: r.location, t: instantOf(r.occurredAt) }));
    const densest = Math.max(...pk.map((a) => pk.filter((b) => b.town === a.town && Math.abs(b.t - a.t) <= 3.5 * 86_400_000).length));
    expect(densest).toBeGreaterThanOrEqual(8);
  });

  it('labels every row as synthetic and keeps casualty splits consistent', () => {
    for (const r of rows) {
      expect(r.notes).toMatch(/^Synthetic demo data/);
      expect(r.sources?.every((s) => /synthetic/i.test(s))).toBe(true);
    }
    const killed = pakistan(2024).map((r) => r.killed ?? 0);
    expect(Math.max(...killed)).toBeGreaterThanOrEqual(20); // heavy tail
    expect(killed.filter((k) => k <= 2).length / killed.length).toBeGreaterThan(0.5);
  });
});
