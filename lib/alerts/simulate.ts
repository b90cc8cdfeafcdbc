import { evaluateInstant, evaluateNewActor } from './evaluate';
import { matchesScope } from './scope';
import { evaluateSpike, evaluateThreshold, spikeBounds, type WindowEvent } from './window-rules';
import { DAY_MS, HOUR_MS, type Firing, type IncidentFacts, type Rule, type Site } from './types';

export const TESTER_DAYS = 90;

/** How much history before the tested period a rule needs to judge its first day. */
export function lookbackMs(rule: Rule): number {
  switch (rule.kind) {
    case 'threshold':
      return rule.params.windowHours * HOUR_MS;
    case 'spike':
      return spikeBounds(0).to - spikeBounds(0).baselineFrom;
    case 'new-actor':
      return rule.params.days * DAY_MS;
    default:
      return 0;
  }
}

function countIn(times: readonly number[], fromExclusive: number, toInclusive: number): number {
  return upperBound(times, toInclusive) - upperBound(times, fromExclusive);
}
function upperBound(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Replays a rule over stored history as if each incident had been ingested when it
 * occurred (no horizon), deduplicating exactly like live evaluation. `history` holds the
 * incidents of [from − lookback, to] sorted by time; scope is applied here.
 */
export function simulateRule(
  rule: Rule,
  history: readonly IncidentFacts[],
  sites: ReadonlyMap<number, Site>,
  from: number,
  to: number,
): Firing[] {
  const inScope = history.filter((i) => matchesScope(rule.scope, i));
  const fired = new Map<string, Firing>();
  const add = (f: Firing | null) => {
    if (f && !fired.has(f.dedupeKey)) fired.set(f.dedupeKey, f);
  };
  const anchors = inScope.filter((i) => i.occurredAt >= from && i.occurredAt <= to);
  if (rule.kind === 'threshold') {
    const events: WindowEvent[] = inScope.map((i) => ({ id: i.id, at: i.occurredAt, killed: i.killed ?? 0 }));
    for (const a of anchors) add(evaluateThreshold(rule, rule.params, events, a.occurredAt));
  } else if (rule.kind === 'spike') {
    const times = inScope.map((i) => i.occurredAt);
    for (const a of anchors) {
      const b = spikeBounds(a.occurredAt);
      const observed = countIn(times, b.observedFrom, b.to);
      const baseline = countIn(times, b.baselineFrom, b.observedFrom);
      const f = evaluateSpike(rule, rule.params, observed, baseline, a.occurredAt, []);
      if (!f || fired.has(f.dedupeKey)) continue;
      const end = upperBound(times, b.to);
      add({ ...f, incidentIds: inScope.slice(Math.max(upperBound(times, b.observedFrom), end - 100), end).map((i) => i.id) });
    }
  } else if (rule.kind === 'new-actor') {
    const last = new Map<string, number>();
    for (const i of history) {
      const key = `${i.groupId}|${i.region}`;
      if (i.occurredAt >= from && i.occurredAt <= to && matchesScope(rule.scope, i))
        add(evaluateNewActor(rule, rule.params, i, last.get(key) ?? null));
      last.set(key, i.occurredAt);
    }
  } else {
    for (const a of anchors) add(evaluateInstant(rule, a, sites));
  }
  return [...fired.values()].sort((x, y) => y.at - x.at);
}
