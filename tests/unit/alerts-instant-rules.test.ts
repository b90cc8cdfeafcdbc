import { describe, expect, it } from 'vitest';
import { evaluateInstant, evaluateNewActor, isRuleActive } from '@/lib/alerts/evaluate';
import { matchesScope, withinHorizon } from '@/lib/alerts/scope';
import { incidentKey, windowKey } from '@/lib/alerts/dedupe';
import type { Site } from '@/lib/alerts/types';
import { DAY_MS, HOUR_MS } from '@/lib/alerts/types';
import { facts, rule } from '../support/alert-factories';

const noSites = new Map<number, Site>();

describe('mass casualty', () => {
  const r = rule('mass-casualty', { killed: 10, killedPlusInjured: 30 });
  it('fires at exactly the threshold, not below', () => {
    expect(evaluateInstant(r, facts({ killed: 9, injured: 0 }), noSites)).toBeNull();
    const f = evaluateInstant(r, facts({ killed: 10, injured: 2 }), noSites)!;
    expect(f.summary).toBe('Mass casualty: 10 killed, 2 injured in Khyber Pakhtunkhwa (threshold 10 killed)');
    expect(f.details).toMatchObject({ killed: 10, injured: 2 });
  });
  it('fires on killed + injured', () => {
    expect(evaluateInstant(r, facts({ killed: 5, injured: 24 }), noSites)).toBeNull();
    expect(evaluateInstant(r, facts({ killed: 5, injured: 25 }), noSites)?.summary).toContain('threshold 30 killed + injured');
  });
  it('treats unknown casualties as zero', () => {
    expect(evaluateInstant(r, facts({ killed: null, injured: null }), noSites)).toBeNull();
  });
});

describe('cross-border', () => {
  const r = rule('cross-border', {});
  it('fires on the flag, on Barmal and Tajikistan, not on KP', () => {
    expect(evaluateInstant(r, facts({ region: 'kp' }), noSites)).toBeNull();
    expect(evaluateInstant(r, facts({ region: 'kp', crossBorder: true }), noSites)?.summary).toBe(
      'Cross-border incident: flagged cross-border',
    );
    expect(evaluateInstant(r, facts({ region: 'barmal' }), noSites)?.summary).toBe('Cross-border incident: in Barmal (approx.)');
    expect(evaluateInstant(r, facts({ region: 'tajikistan' }), noSites)).not.toBeNull();
  });
});

describe('proximity', () => {
  const torkham: Site = { id: 7, name: 'Torkham border crossing', lat: 34.1126, lon: 71.0936, kind: 'border-crossing', example: false };
  const sites = new Map([[7, torkham]]);
  const r = rule('proximity', { radiusKm: 10, siteIds: [7] });
  it('fires inside the radius and states the distance', () => {
    const f = evaluateInstant(r, facts({ lat: 34.15, lon: 71.1 }), sites)!;
    expect(f.summary).toMatch(/^Incident 4\.\d km from Torkham border crossing \(radius 10 km\)$/);
    expect(f.details.siteId).toBe(7);
  });
  it('does not fire just outside the radius (0.1° latitude ≈ 11.1 km)', () => {
    expect(evaluateInstant(r, facts({ lat: 34.2126, lon: 71.0936 }), sites)).toBeNull();
  });
  it('ignores unknown sites', () => {
    expect(evaluateInstant(rule('proximity', { radiusKm: 10, siteIds: [99] }), facts({ lat: 34.1126, lon: 71.0936 }), sites)).toBeNull();
  });
});

describe('new actor', () => {
  const r = rule('new-actor', { days: 30 });
  const i = facts({ region: 'tajikistan', occurredAt: Date.UTC(2026, 10, 20) });
  it('fires without a prior incident, or with one older than D days', () => {
    expect(evaluateNewActor(r, r.params as { days: number }, i, null)?.summary).toBe(
      "New actor: ttp's first incident in Tajikistan in 30 days",
    );
    expect(evaluateNewActor(r, { days: 30 }, i, i.occurredAt - 30 * DAY_MS - 1)).not.toBeNull();
  });
  it('does not fire with a prior incident at the window edge or inside it', () => {
    expect(evaluateNewActor(r, { days: 30 }, i, i.occurredAt - 30 * DAY_MS)).toBeNull();
    expect(evaluateNewActor(r, { days: 30 }, i, i.occurredAt - HOUR_MS)).toBeNull();
  });
  it('needs a monitored region', () => {
    expect(evaluateNewActor(r, { days: 30 }, facts({ region: null }), null)).toBeNull();
  });
});

describe('scope, horizon, dedupe, silence', () => {
  it('matches group, region and event or sub-event type', () => {
    const i = facts();
    expect(matchesScope({}, i)).toBe(true);
    expect(matchesScope({ group: ['ttp'], region: ['kp'] }, i)).toBe(true);
    expect(matchesScope({ region: ['balochistan'] }, i)).toBe(false);
    expect(matchesScope({ type: ['Suicide bomb'] }, i)).toBe(true);
    expect(matchesScope({ type: ['Explosions/Remote violence'] }, i)).toBe(true);
    expect(matchesScope({ type: ['Battles'] }, i)).toBe(false);
    expect(matchesScope({ region: ['kp'] }, facts({ region: null }))).toBe(false);
  });
  it('applies the horizon inclusively at exactly H hours', () => {
    const now = Date.UTC(2026, 10, 25, 12);
    expect(withinHorizon(now - 72 * HOUR_MS, now, 72)).toBe(true);
    expect(withinHorizon(now - 72 * HOUR_MS - 1, now, 72)).toBe(false);
    expect(withinHorizon(now + HOUR_MS, now, 72)).toBe(true);
  });
  it('builds stable dedupe keys', () => {
    expect(incidentKey(42)).toBe('incident:42');
    const w = 24 * HOUR_MS;
    expect(windowKey(w * 5, w)).toBe('window:5');
    expect(windowKey(w * 6 - 1, w)).toBe('window:5');
    expect(windowKey(w * 6, w)).toBe('window:6');
  });
  it('treats silenced and disabled rules as inactive', () => {
    const now = 1_000_000;
    expect(isRuleActive({ enabled: true, silencedUntil: null }, now)).toBe(true);
    expect(isRuleActive({ enabled: false, silencedUntil: null }, now)).toBe(false);
    expect(isRuleActive({ enabled: true, silencedUntil: now + 1 }, now)).toBe(false);
    expect(isRuleActive({ enabled: true, silencedUntil: now }, now)).toBe(true);
  });
});

describe('horizon with date-only rows and the reporting zone', () => {
  it('places date-only rows at 12:00 UTC, so the horizon is measured from there whatever the zone', async () => {
    const { resolveOccurrence } = await import('@/lib/incidents/normalize');
    // 02:00 on 25 Nov in Karachi is still 24 Nov in UTC: a row dated 25 Nov lies in the future → fresh.
    const now = Date.UTC(2026, 10, 24, 21);
    const today = resolveOccurrence('2026-11-25', 'Asia/Karachi').occurredAt;
    expect(withinHorizon(today, now, 72)).toBe(true);
    // Dated 22 Nov = 22 Nov 12:00 UTC; 73 h later it is history.
    const old = resolveOccurrence('2026-11-22', 'Asia/Karachi').occurredAt;
    expect(withinHorizon(old, old + 72 * HOUR_MS, 72)).toBe(true);
    expect(withinHorizon(old, old + 73 * HOUR_MS, 72)).toBe(false);
    // A timed row at 23:30 PKT on 21 Nov is 18:30 UTC: its horizon runs from the instant, not the local date.
    const timed = resolveOccurrence('2026-11-21T23:30:00+05:00', 'Asia/Karachi').occurredAt;
    expect(withinHorizon(timed, Date.UTC(2026, 10, 24, 18, 30), 72)).toBe(true);
    expect(withinHorizon(timed, Date.UTC(2026, 10, 24, 18, 31), 72)).toBe(false);
  });
});
