import type { Site } from '@/lib/alerts/types';
import { KNOWN_GROUPS } from '@/lib/taxonomy/groups';
import { REGION_BY_ID } from '@/lib/taxonomy/regions';
import type { RuleItem } from './rule-form-model';

const GROUP_NAME = new Map(KNOWN_GROUPS.map((g) => [g.id, g.abbreviation ?? g.name]));
const PARAM_LABEL: Record<string, string> = {
  count: 'incidents ≥',
  killed: 'killed ≥',
  killedPlusInjured: 'killed + injured ≥',
  windowHours: 'window (h)',
  minCount: '7-day count ≥',
  pValue: 'p <',
  days: 'unseen for (days)',
  radiusKm: 'radius (km)',
};

/** A rule's scope and parameters in words, with names where the API stores ids. */
export function describeRule(r: RuleItem, sites: readonly Site[]): string {
  const parts: string[] = [];
  if (r.scope.group?.length) parts.push(`Groups: ${r.scope.group.map((g) => GROUP_NAME.get(g) ?? g).join(', ')}`);
  if (r.scope.region?.length) parts.push(`Regions: ${r.scope.region.map((id) => REGION_BY_ID.get(id)?.name ?? id).join(', ')}`);
  if (r.scope.type?.length) parts.push(`Types: ${r.scope.type.join(', ')}`);
  for (const [k, v] of Object.entries(r.params)) {
    if (k === 'siteIds' && Array.isArray(v)) {
      const names = v.map((id) => sites.find((s) => s.id === id)?.name ?? `site ${String(id)}`);
      parts.push(`Sites: ${names.join(', ')}`);
    } else if (typeof v === 'number') parts.push(`${PARAM_LABEL[k] ?? k} ${v}`);
  }
  return parts.length ? parts.join(' · ') : 'All incidents';
}
