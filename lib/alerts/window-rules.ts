import { poissonUpperTail } from '@/lib/stats/poisson';
import { windowKey } from './dedupe';
import type { SpikeParams, ThresholdParams } from './rule-schema';
import { describeScope, scopeFilter } from './scope';
import { HOUR_MS, WEEK_MS, type Firing, type Rule } from './types';

export interface WindowEvent {
  id: number;
  at: number;
  killed: number;
}

function formatHours(h: number): string {
  return h % 24 === 0 && h >= 48 ? `${h / 24} days` : `${h} h`;
}

/**
 * The events a threshold looks at around an anchor, oldest first: `get(k)` is the k-th in-scope
 * event with anchor − W < at < anchor + W (undefined past the last). A database-backed sequence
 * can read lazily: a crossing in a busy scope is decided by the first few events.
 */
export interface EventSequence {
  get(k: number): WindowEvent | undefined;
}

export interface ThresholdCrossing {
  /** Sequence index of the window's first event. */
  start: number;
  /** When the threshold was crossed (the dedupe bucket is taken here). */
  crossedAt: number;
  byCount: boolean;
}

/**
 * Threshold over a rolling window: incidents are "within W" when the latest is less than W
 * after the earliest. Looks at every window that contains the anchor, earliest first, and
 * returns the first that reaches the threshold, with the moment it was crossed. Reads the
 * sequence only as far as that decision needs.
 */
export function thresholdCrossing(p: ThresholdParams, seq: EventSequence, anchorAt: number): ThresholdCrossing | null {
  const w = p.windowHours * HOUR_MS;
  for (let a = 0; ; a++) {
    const first = seq.get(a);
    if (!first || first.at > anchorAt) return null;
    const end = first.at + w;
    let byCount = -1;
    if (p.count !== undefined) {
      const e = seq.get(a + p.count - 1);
      if (e && e.at < end) byCount = a + p.count - 1;
    }
    let byKilled = -1;
    if (p.killed !== undefined) {
      let sum = 0;
      for (let k = a; byCount < 0 || k < byCount; k++) {
        const e = seq.get(k);
        if (!e || e.at >= end) break;
        sum += e.killed;
        if (sum >= p.killed) {
          byKilled = k;
          break;
        }
      }
    }
    if (byCount < 0 && byKilled < 0) continue;
    const crossed = byCount < 0 ? byKilled : byKilled < 0 ? byCount : Math.min(byCount, byKilled);
    return { start: a, crossedAt: seq.get(crossed)!.at, byCount: byCount >= 0 };
  }
}

/** The events of the window that starts at sequence index `start` (all within W of it). */
export function windowFrom(p: ThresholdParams, seq: EventSequence, start: number): WindowEvent[] {
  const end = seq.get(start)!.at + p.windowHours * HOUR_MS;
  const out: WindowEvent[] = [];
  for (let k = start; ; k++) {
    const e = seq.get(k);
    if (!e || e.at >= end) return out;
    out.push(e);
  }
}

/** The sequence around `anchorAt` over an array of events sorted by time. */
export function arraySequence(events: readonly WindowEvent[], p: ThresholdParams, anchorAt: number): EventSequence {
  const w = p.windowHours * HOUR_MS;
  const lo = firstAfter(events, anchorAt - w);
  return { get: (k) => (lo + k < events.length && events[lo + k].at < anchorAt + w ? events[lo + k] : undefined) };
}

/** The threshold firing for a crossing (the window's events are read here). */
export function thresholdFiringAt(rule: Rule, p: ThresholdParams, seq: EventSequence, c: ThresholdCrossing): Firing {
  return thresholdFiring(rule, p, windowFrom(p, seq, c.start), c.crossedAt, c.byCount);
}

/** Threshold evaluation over events sorted by time (the rule tester, the scheduler, batches). */
export function evaluateThreshold(rule: Rule, p: ThresholdParams, events: readonly WindowEvent[], anchorAt: number): Firing | null {
  const seq = arraySequence(events, p, anchorAt);
  const c = thresholdCrossing(p, seq, anchorAt);
  return c ? thresholdFiringAt(rule, p, seq, c) : null;
}

/** Index of the first event with at > t (events sorted by time). */
function firstAfter(events: readonly WindowEvent[], t: number): number {
  let l = 0;
  let h = events.length;
  while (l < h) {
    const m = (l + h) >> 1;
    if (events[m].at <= t) l = m + 1;
    else h = m;
  }
  return l;
}

function thresholdFiring(rule: Rule, p: ThresholdParams, inWindow: readonly WindowEvent[], crossedAt: number, byCount: boolean): Firing {
  const n = inWindow.length;
  const killed = inWindow.reduce((sum, e) => sum + e.killed, 0);
  const start = inWindow[0].at;
  const end = inWindow[n - 1].at;
  const scope = describeScope(rule.scope);
  const within = formatHours(p.windowHours);
  return {
    ruleId: rule.id,
    dedupeKey: windowKey(crossedAt, p.windowHours * HOUR_MS),
    incidentIds: inWindow.map((e) => e.id),
    summary: byCount
      ? `${n} incidents${scope} within ${within} (threshold ${p.count})`
      : `${killed} killed in ${n} incidents${scope} within ${within} (threshold ${p.killed} killed)`,
    details: {
      count: n,
      killed,
      windowHours: p.windowHours,
      thresholdCount: p.count ?? null,
      thresholdKilled: p.killed ?? null,
      windowStart: new Date(start).toISOString(),
      windowEnd: new Date(end).toISOString(),
      filter: scopeFilter(rule.scope, start, end),
    },
    at: crossedAt,
  };
}

export const SPIKE_BASELINE_WEEKS = 8;

/** Observed: (now − 7 d, now]; baseline: the 8 weeks before that. */
export function spikeBounds(now: number) {
  return { observedFrom: now - WEEK_MS, baselineFrom: now - (SPIKE_BASELINE_WEEKS + 1) * WEEK_MS, to: now };
}

/**
 * Spike: one-sided Poisson test of the last 7 days against the previous 8 weeks' weekly
 * mean. An empty baseline is treated as one incident in 8 weeks, so a quiet scope needs a
 * real burst (and `minCount`) rather than a single event to count as significant.
 */
export function evaluateSpike(
  rule: Rule,
  p: SpikeParams,
  observed: number,
  baselineCount: number,
  now: number,
  incidentIds: number[],
): Firing | null {
  if (observed < p.minCount) return null;
  const baseline = baselineCount / SPIKE_BASELINE_WEEKS;
  const lambda = Math.max(baseline, 1 / SPIKE_BASELINE_WEEKS);
  const pv = poissonUpperTail(observed, lambda);
  if (!(pv < p.pValue)) return null;
  const scope = describeScope(rule.scope);
  const { observedFrom } = spikeBounds(now);
  return {
    ruleId: rule.id,
    dedupeKey: windowKey(now, WEEK_MS),
    incidentIds,
    summary: `Spike: ${observed} incidents${scope} in the last 7 days vs a weekly baseline of ${baseline.toFixed(1)} (p = ${formatP(pv)} < ${p.pValue}, minimum ${p.minCount})`,
    details: {
      observed,
      baseline,
      baselineWeeks: SPIKE_BASELINE_WEEKS,
      p: pv,
      pValue: p.pValue,
      minCount: p.minCount,
      filter: scopeFilter(rule.scope, observedFrom, now),
    },
    at: now,
  };
}

export function formatP(p: number): string {
  return p >= 0.001 ? p.toFixed(4) : p.toExponential(1);
}
