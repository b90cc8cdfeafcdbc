import { matchesDimensions, normaliseFilter, type FilterTerms } from '@/lib/filters/definition';
import { REGION_BY_ID, type RegionId } from '@/lib/taxonomy/regions';
import type { RuleScope } from './rule-schema';
import type { IncidentFacts } from './types';
import { HOUR_MS } from './types';

// Rules are matched against every fresh incident (and a tester's whole history): normalise a scope once.
const termsByScope = new WeakMap<RuleScope, FilterTerms>();

/** A scope's group, region and type, read like the incident filter's fields of the same names. */
export function scopeTerms(scope: RuleScope): FilterTerms {
  let terms = termsByScope.get(scope);
  if (!terms) termsByScope.set(scope, (terms = normaliseFilter({ group: scope.group, region: scope.region, type: scope.type })));
  return terms;
}

/** Each set scope dimension must match; `type` matches the event type or the sub-event type. */
export function matchesScope(scope: RuleScope, i: Pick<IncidentFacts, 'groupId' | 'region' | 'eventType' | 'subEventType'>): boolean {
  return matchesDimensions(scopeTerms(scope), i);
}

/** History is not news: an incident older than the horizon at ingest time fires nothing. */
export function withinHorizon(occurredAt: number, now: number, horizonHours: number): boolean {
  return occurredAt >= now - horizonHours * HOUR_MS;
}

export function regionName(id: string | null): string {
  if (!id) return 'no monitored region';
  return REGION_BY_ID.get(id as RegionId)?.name ?? id;
}

/** "in Khyber Pakhtunkhwa", "by ttp in Balochistan" … for summaries; empty when unscoped. */
export function describeScope(scope: RuleScope): string {
  const parts: string[] = [];
  if (scope.type?.length) parts.push(`of type ${scope.type.join(' or ')}`);
  if (scope.group?.length) parts.push(`by ${scope.group.join(' or ')}`);
  if (scope.region?.length) parts.push(`in ${scope.region.map(regionName).join(' or ')}`);
  return parts.length ? ` ${parts.join(' ')}` : '';
}

/** Dashboard filter (URL search params) that shows a scope's incidents around a time span. */
export function scopeFilter(scope: RuleScope, fromMs: number, toMs: number): Record<string, string> {
  const f: Record<string, string> = {
    from: new Date(fromMs).toISOString().slice(0, 10),
    to: new Date(toMs).toISOString().slice(0, 10),
  };
  if (scope.group?.length) f.group = scope.group.join(',');
  if (scope.region?.length) f.region = scope.region.join(',');
  if (scope.type?.length) f.type = scope.type.join(',');
  return f;
}
