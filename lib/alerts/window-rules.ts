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

/** First index k in [a, b) whose running killed total from a reaches `need`, or -1 (prefix sums, binary search). */
function crossingByKilled(prefix: number[], a: number, b: number, need: number): number {
  if (prefix[b] - prefix[a] < need) return -1;
  let lo = a;
  let hi = b - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (prefix[mid + 1] - prefix[a] >= need) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Threshold over a rolling window: incidents are "within W" when the latest is less than
 * W after the earliest. Looks at every window that contains `anchorAt` (events sorted by
 * time, two pointers, O(n log n)) and fires for the earliest one reaching the threshold.
 * The dedupe bucket is taken at the moment the threshold was crossed, so later incidents
 * of the same burst dedupe to the same alert.
 */
export function evaluateThreshold(rule: Rule, p: ThresholdParams, events: readonly WindowEvent[], anchorAt: number): Firing | null {
  const w = p.windowHours * HOUR_MS;
  // Only events within W of the anchor can share a window with it.
  const lo = firstAfter(events, anchorAt - w);
  const hi = firstAfter(events, anchorAt + w - 1);
  let prefix: number[] | null = null;
  if (p.killed !== undefined) {
    prefix = new Array<number>(hi - lo + 1);
    prefix[0] = 0;
    for (let k = lo; k < hi; k++) prefix[k - lo + 1] = prefix[k - lo] + events[k].killed;
  }
  let b = lo;
  for (let a = lo; a < hi; a++) {
    const start = events[a].at;
    if (start > anchorAt) break;
    if (b < a) b = a;
    while (b < hi && events[b].at < start + w) b++;
    const n = b - a;
    const byCount = p.count !== undefined && n >= p.count ? a + p.count - 1 : -1;
    const byKilled = prefix && p.killed !== undefined ? crossingByKilled(prefix, a - lo, b - lo, p.killed) : -1;
    if (byCount < 0 && byKilled < 0) continue;
    const killedAt = byKilled < 0 ? -1 : byKilled + lo;
    const crossed = byCount < 0 ? killedAt : killedAt < 0 ? byCount : Math.min(byCount, killedAt);
    return thresholdFiring(rule, p, events.slice(a, b), events[crossed].at, byCount >= 0);
  }
  return null;
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
export function evaluateSpike(rule: Rule, p: SpikeParams, observed: number, baselineCount: number, now: number, incidentIds: number[]): Firing | null {
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
    details: { observed, baseline, baselineWeeks: SPIKE_BASELINE_WEEKS, p: pv, pValue: p.pValue, minCount: p.minCount, filter: scopeFilter(rule.scope, observedFrom, now) },
    at: now,
  };
}

export function formatP(p: number): string {
  return p >= 0.001 ? p.toFixed(4) : p.toExponential(1);
}
