import type Database from 'better-sqlite3';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { alertRules } from '@/db/schema';
import { processSingleton } from '@/lib/registry';
import type { Rule, Site } from '@/lib/alerts/types';
import { scopeSql, type ScopeSql } from '@/db/queries/alert-queries';
import { rowToRule, rulesVersionSync as rulesVersion } from './alert-rule-store';
import { ensureSeedSitesSync as ensureSeedSites, listSitesSync as listSites } from './sites';
import { diagnostics } from '@/lib/diagnostics';

export interface CompiledRule {
  rule: Rule;
  scope: ScopeSql;
}

export interface RuleSet {
  version: string;
  /** Enabled rules (silence is checked at evaluation time), with their scope SQL. */
  rules: CompiledRule[];
  sites: Map<number, Site>;
  /** When each spike rule was last tested on ingest (see alert-engine). */
  spikeTestedAt: Map<number, number>;
}

// Per connection and per process, not per bundle: routes, the scheduler and the start-up warm-up
// (instrumentation.ts) share one parsed rule set (see lib/registry.ts).
const cache = processSingleton('alertRuleSets', () => new WeakMap<Database.Database, RuleSet>());

/**
 * Enabled rules and sites, reloaded only when the rules-version token in `meta` changes
 * (any process that edits rules or sites bumps it), so each ingest costs one key lookup.
 */
export function loadRuleSet(store: Store): RuleSet {
  const db = sqlOf(store);
  let version = rulesVersion(db);
  const cached = cache.get(db.$client);
  if (cached && version !== '' && cached.version === version) return cached;
  if (ensureSeedSites(db)) version = rulesVersion(db);
  const rules: CompiledRule[] = [];
  for (const row of db.select().from(alertRules).all()) {
    if (!row.enabled) continue;
    try {
      const rule = rowToRule(row);
      rules.push({ rule, scope: scopeSql(rule.scope) });
    } catch (err) {
      diagnostics().error({ component: 'alerts', ruleId: row.id, err }, 'a rule has invalid stored params; skipped');
    }
  }
  const set: RuleSet = { version, rules, sites: new Map(listSites(db).map((s) => [s.id, s])), spikeTestedAt: new Map() };
  cache.set(db.$client, set);
  return set;
}
