import type { Db } from '@/db/connection';
import { alertRules } from '@/db/schema';
import type { Rule, Site } from '@/lib/alerts/types';
import { scopeSql, type ScopeSql } from './alert-queries';
import { rowToRule, rulesVersion } from './alert-rule-store';
import { ensureSeedSites, listSites } from './sites';

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

let cached: RuleSet | null = null;

/**
 * Enabled rules and sites, reloaded only when the rules-version token in `meta` changes
 * (any process that edits rules or sites bumps it), so each ingest costs one key lookup.
 */
export function loadRuleSet(db: Db): RuleSet {
  let version = rulesVersion(db);
  if (cached && version !== '' && cached.version === version) return cached;
  if (ensureSeedSites(db)) version = rulesVersion(db);
  const rules: CompiledRule[] = [];
  for (const row of db.select().from(alertRules).all()) {
    if (!row.enabled) continue;
    try {
      const rule = rowToRule(row);
      rules.push({ rule, scope: scopeSql(rule.scope) });
    } catch (err) {
      console.error(`[alerts] rule ${row.id} has invalid stored params; skipped`, err);
    }
  }
  cached = { version, rules, sites: new Map(listSites(db).map((s) => [s.id, s])), spikeTestedAt: new Map() };
  return cached;
}
