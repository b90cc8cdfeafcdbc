import type { Db } from '@/db/connection';
import { createRule } from '@/db/services/alert-rule-store';
import { ensureSeedSites, listSites } from '@/db/services/sites';
import { ruleCreateSchema } from '@/lib/alerts/rule-schema';

const KINDS = ['threshold', 'mass-casualty', 'spike', 'new-actor', 'proximity', 'cross-border'] as const;
const REGIONS = ['kp', 'balochistan', 'barmal', 'tajikistan'];
const GROUPS = ['ttp', 'bla', 'blf', 'iskp', 'tjp', 'unknown', 'hafiz-gul-bahadur', 'jaish-ul-adl'];

/**
 * `count` enabled rules as POST /api/alert-rules bodies, spread over every kind and scope so
 * evaluation touches realistic query paths rather than one cached rule. Rules go in rounds of one
 * rule per kind; successive rounds take the scopes in turn (global, one region, one group), so
 * every 18 rules hold each kind with each scope, and later rounds name other regions and groups.
 */
export function benchRuleBodies(count: number, siteIds: number[]): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = KINDS[i % KINDS.length];
    const round = Math.floor(i / KINDS.length);
    const pick = Math.floor(round / 3) + (i % KINDS.length);
    const scope =
      round % 3 === 0 ? {} : round % 3 === 1 ? { region: [REGIONS[pick % REGIONS.length]] } : { group: [GROUPS[pick % GROUPS.length]] };
    const params = {
      threshold: { count: 3 + (i % 5), windowHours: 24 * (1 + (i % 7)) },
      'mass-casualty': { killed: 10 + (i % 20) },
      spike: { minCount: 5 + (i % 5) },
      'new-actor': { days: 30 + (i % 60) },
      proximity: { radiusKm: 5 + (i % 25), siteIds: siteIds.slice(0, 1 + (i % siteIds.length)) },
      'cross-border': {},
    }[kind];
    return { name: `bench rule ${i + 1} (${kind})`, kind, severity: ['info', 'warning', 'critical'][i % 3], scope, params };
  });
}

/** Creates the rules through the product's rule service (validated like the API does). */
export async function insertBenchRules(db: Db, count: number): Promise<void> {
  await ensureSeedSites(db);
  const siteIds = (await listSites(db)).map((s) => s.id);
  for (const body of benchRuleBodies(count, siteIds)) await createRule(db, ruleCreateSchema.parse(body));
}
