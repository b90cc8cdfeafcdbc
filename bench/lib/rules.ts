import type { Db } from '@/db/connection';
import { alertRules } from '@/db/schema';

type Kind = (typeof alertRules.$inferInsert)['kind'];

const REGIONS = ['kp', 'balochistan', 'barmal', 'tajikistan'];
const GROUPS = ['ttp', 'bla', 'blf', 'iskp', 'tjp', 'unknown', 'hafiz-gul-bahadur', 'jaish-ul-adl'];

/**
 * `count` enabled rules in the shapes of the alerting issue (kind, scope, params), spread over
 * every kind and scope so evaluation touches realistic query paths, not one cached rule.
 */
export function benchRules(count: number): { name: string; kind: Kind; severity: 'info' | 'warning' | 'critical'; scope: object; params: object }[] {
  const kinds: Kind[] = ['threshold', 'mass-casualty', 'spike', 'new-actor', 'proximity', 'cross-border'];
  return Array.from({ length: count }, (_, i) => {
    const kind = kinds[i % kinds.length];
    const scope = i % 3 === 0 ? {} : i % 3 === 1 ? { region: [REGIONS[i % REGIONS.length]] } : { group: [GROUPS[i % GROUPS.length]] };
    const params: Record<Kind, object> = {
      threshold: { count: 3 + (i % 5), windowHours: 24 * (1 + (i % 7)) },
      'mass-casualty': { killed: 10 + (i % 20) },
      spike: { minCount: 5 + (i % 5) },
      'new-actor': { days: 30 + (i % 60) },
      proximity: { radiusKm: 5 + (i % 25) },
      'cross-border': {},
    };
    return { name: `bench rule ${i + 1} (${kind})`, kind, severity: (['info', 'warning', 'critical'] as const)[i % 3], scope, params: params[kind] };
  });
}

/** Inserts the rules straight into the rule table (before any server runs on this file). */
export function insertBenchRules(db: Db, count: number, now = Date.now()): void {
  db.transaction((tx) => {
    for (const r of benchRules(count)) {
      tx.insert(alertRules)
        .values({ ...r, scope: JSON.stringify(r.scope), params: JSON.stringify(r.params), enabled: true, createdAt: now, updatedAt: now })
        .run();
    }
  });
}
