import { evaluateCrossBorder, evaluateMassCasualty, evaluateNewActor, evaluateProximity } from './instant-rules';
import type { Firing, IncidentFacts, Rule, Site } from './types';

/** Kinds decided by the incident alone (no history needed). */
export function evaluateInstant(rule: Rule, i: IncidentFacts, sites: ReadonlyMap<number, Site>): Firing | null {
  switch (rule.kind) {
    case 'mass-casualty':
      return evaluateMassCasualty(rule, rule.params, i);
    case 'cross-border':
      return evaluateCrossBorder(rule, i);
    case 'proximity':
      return evaluateProximity(rule, rule.params, i, sites);
    default:
      return null;
  }
}

export function isWindowKind(kind: Rule['kind']): kind is 'threshold' | 'spike' {
  return kind === 'threshold' || kind === 'spike';
}

export { evaluateNewActor };

/** A rule is live when enabled and not silenced at `now`. */
export function isRuleActive(rule: Pick<Rule, 'enabled' | 'silencedUntil'>, now: number): boolean {
  return rule.enabled && (rule.silencedUntil === null || rule.silencedUntil <= now);
}
