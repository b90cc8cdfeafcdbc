import { ruleCreateSchema, type RuleCreateInput } from '@/lib/alerts/rule-schema';

/**
 * The starter rule set a demo database gets, so the alert panel has something to show on first
 * start. Stored with `example: true` (a column, not the name), so renaming or retuning one keeps
 * its "example" badge. Parsed through the public create schema: a starter rule is a rule anyone
 * could have written.
 */
export function starterRules(siteIds: readonly number[]): RuleCreateInput[] {
  const drafts: unknown[] = [
    { name: 'Mass casualty: 10 or more killed', kind: 'mass-casualty', severity: 'critical', params: { killed: 10 } },
    {
      name: 'Spike in Khyber Pakhtunkhwa',
      kind: 'spike',
      severity: 'warning',
      scope: { region: ['kp'] },
      params: { minCount: 5, pValue: 0.01 },
    },
    {
      name: 'New actor in a monitored region',
      kind: 'new-actor',
      severity: 'warning',
      scope: { region: ['kp', 'balochistan', 'barmal', 'tajikistan'] },
      params: { days: 60 },
    },
    { name: 'Cross-border incidents', kind: 'cross-border', severity: 'warning', params: {} },
  ];
  if (siteIds.length > 0)
    drafts.push({
      name: 'Within 25 km of a watched site',
      kind: 'proximity',
      severity: 'critical',
      params: { radiusKm: 25, siteIds: [...siteIds] },
    });
  return drafts.map((d) => ruleCreateSchema.parse(d));
}
