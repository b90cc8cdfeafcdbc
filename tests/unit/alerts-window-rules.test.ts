import { describe, expect, it } from 'vitest';
import { evaluateSpike, evaluateThreshold, type WindowEvent } from '@/lib/alerts/window-rules';
import { simulateRule } from '@/lib/alerts/simulate';
import { ruleCreateSchema } from '@/lib/alerts/rule-schema';
import { localDate } from '@/lib/time/zone';
import { DAY_MS, HOUR_MS, type Site } from '@/lib/alerts/types';
import { facts, rule } from '../support/alert-factories';

const T0 = Date.UTC(2026, 10, 20, 0);
const ev = (id: number, hours: number, killed = 0): WindowEvent => ({ id, at: T0 + hours * HOUR_MS, killed });

describe('threshold', () => {
  const r = rule('threshold', { count: 3, windowHours: 24 }, { scope: { region: ['kp'] } });
  const p = { count: 3, windowHours: 24 };
  it('fires when three incidents fall within 24 h, with the contract summary', () => {
    const events = [ev(1, 0), ev(2, 10), ev(3, 23.99)];
    const f = evaluateThreshold(r, p, events, events[2].at)!;
    expect(f.summary).toBe('3 incidents in Khyber Pakhtunkhwa within 24 h (threshold 3)');
    expect(f.incidentIds).toEqual([1, 2, 3]);
    expect(f.details).toMatchObject({ count: 3, windowHours: 24, thresholdCount: 3 });
  });
  it('does not fire when the span is exactly the window length', () => {
    const events = [ev(1, 0), ev(2, 10), ev(3, 24)];
    expect(evaluateThreshold(r, p, events, events[2].at)).toBeNull();
  });
  it('finds a window that contains a late-arriving earlier incident', () => {
    const events = [ev(1, 0), ev(2, 5), ev(3, 20)];
    expect(evaluateThreshold(r, p, events, events[0].at)?.incidentIds).toEqual([1, 2, 3]);
  });
  it('dedupes a continuing burst to the window where the threshold was crossed', () => {
    const events = [ev(1, 0), ev(2, 1), ev(3, 2), ev(4, 3)];
    const a = evaluateThreshold(r, p, events.slice(0, 3), events[2].at)!;
    const b = evaluateThreshold(r, p, events, events[3].at)!;
    expect(b.dedupeKey).toBe(a.dedupeKey);
  });
  it('fires on killed totals', () => {
    const rk = rule('threshold', { killed: 10, windowHours: 48 });
    const events = [ev(1, 0, 4), ev(2, 30, 6)];
    expect(evaluateThreshold(rk, { killed: 10, windowHours: 48 }, events, events[1].at)?.summary).toBe(
      '10 killed in 2 incidents within 2 days (threshold 10 killed)',
    );
    expect(evaluateThreshold(rk, { killed: 11, windowHours: 48 }, events, events[1].at)).toBeNull();
  });
  it('is instant-based: incidents either side of local midnight in Asia/Karachi share a window', () => {
    // 23:30 and 00:30 PKT are different local days but 1 h apart.
    const late = Date.UTC(2026, 10, 20, 18, 30);
    const early = Date.UTC(2026, 10, 20, 19, 30);
    expect(localDate(late, 'Asia/Karachi')).not.toBe(localDate(early, 'Asia/Karachi'));
    const rr = rule('threshold', { count: 2, windowHours: 2 });
    const events = [
      { id: 1, at: late, killed: 0 },
      { id: 2, at: early, killed: 0 },
    ];
    expect(evaluateThreshold(rr, { count: 2, windowHours: 2 }, events, early)).not.toBeNull();
  });
});

describe('spike', () => {
  const r = rule('spike', { minCount: 5 });
  const p = { minCount: 5, pValue: 0.01 };
  it('fires when the rise is significant, stating observed, baseline and p', () => {
    // baseline 24 in 8 weeks → 3/week; 10 observed → p ≈ 0.001102.
    const f = evaluateSpike(r, p, 10, 24, T0, [1, 2])!;
    expect(f.details.observed).toBe(10);
    expect(f.details.baseline).toBe(3);
    expect(f.details.p as number).toBeCloseTo(0.001102, 5);
    expect(f.summary).toBe('Spike: 10 incidents in the last 7 days vs a weekly baseline of 3.0 (p = 0.0011 < 0.01, minimum 5)');
  });
  it('does not fire when not significant or below the minimum count', () => {
    expect(evaluateSpike(r, p, 7, 24, T0, [])).toBeNull(); // P(X≥7|3) ≈ 0.034
    expect(evaluateSpike(rule('spike', { minCount: 20 }), { minCount: 20, pValue: 0.01 }, 19, 0, T0, [])).toBeNull();
  });
  it('defaults pValue to 0.01', () => {
    expect(r.kind === 'spike' && r.params.pValue).toBe(0.01);
  });
});

describe('simulateRule (rule tester)', () => {
  it('counts each firing once over history and applies scope', () => {
    const r = rule('threshold', { count: 2, windowHours: 24 }, { scope: { region: ['kp'] } });
    const hist = [
      facts({ id: 101, occurredAt: T0 }),
      facts({ id: 102, occurredAt: T0 + HOUR_MS }),
      facts({ id: 103, occurredAt: T0 + 2 * HOUR_MS }),
      facts({ id: 104, occurredAt: T0 + 10 * DAY_MS, region: 'balochistan' }),
      facts({ id: 105, occurredAt: T0 + 10 * DAY_MS + HOUR_MS, region: 'balochistan' }),
    ];
    const fired = simulateRule(r, hist, new Map<number, Site>(), T0 - DAY_MS, T0 + 20 * DAY_MS);
    expect(fired).toHaveLength(1);
    expect(fired[0].incidentIds).toEqual([101, 102, 103]);
  });
  it('new-actor fires only for the first of a group in a region', () => {
    const r = rule('new-actor', { days: 30 });
    const hist = [
      facts({ id: 201, region: 'tajikistan', occurredAt: T0 }),
      facts({ id: 202, region: 'tajikistan', occurredAt: T0 + DAY_MS }),
    ];
    expect(simulateRule(r, hist, new Map(), T0 - DAY_MS, T0 + 5 * DAY_MS).map((f) => f.incidentIds)).toEqual([[201]]);
  });
});

describe('rule schema', () => {
  it('is strict and discriminated by kind', () => {
    expect(ruleCreateSchema.safeParse({ name: 'x', kind: 'threshold', severity: 'info', params: { windowHours: 24 } }).success).toBe(false);
    expect(
      ruleCreateSchema.safeParse({ name: 'x', kind: 'threshold', severity: 'info', params: { count: 3, windowHours: 24, extra: 1 } })
        .success,
    ).toBe(false);
    expect(
      ruleCreateSchema.safeParse({ name: 'x', kind: 'proximity', severity: 'info', params: { radiusKm: 5, siteIds: [] } }).success,
    ).toBe(false);
    expect(ruleCreateSchema.safeParse({ name: 'x', kind: 'nope', severity: 'info', params: {} }).success).toBe(false);
    expect(ruleCreateSchema.safeParse({ name: 'x', kind: 'cross-border', severity: 'info', webhookUrl: 'ftp://x' }).success).toBe(false);
    const ok = ruleCreateSchema.parse({ name: 'x', kind: 'cross-border', severity: 'critical', scope: { type: ['suicide bomb'] } });
    expect(ok.scope.type).toEqual(['Suicide bomb']);
  });
});
