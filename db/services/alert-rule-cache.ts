import { alertRules } from '@/db/schema';
import type { Rule, Site } from '@/lib/alerts/types';
import type { SqlDb } from './alert-db';
import { rowToRule, rulesVersion } from './alert-rule-store';
import { ensureSeedSites, listSites } from './sites';

export interface RuleSet {
  version: string;
  /** Enabled rules (silence is checked at evaluation time). */
  rules: Rule[];
  sites: Map<number, Site>;
}

let cached: RuleSet | null = null;

/**
 * Enabled rules and sites, reloaded only when the rules-version token in `meta` changes
 * (any process that edits rules or sites bumps it), so each ingest costs one key lookup.
 */
export function loadRuleSet(db: SqlDb): RuleSet {
  let version = rulesVersion(db);
  if (cached && version !== '' && cached.version === version) return cached;
  if (ensureSeedSites(db)) version = rulesVersion(db);
  const rules: Rule[] = [];
  for (const row of db.select().from(alertRules).all()) {
    if (!row.enabled) continue;
    try {
      rules.push(rowToRule(row));
    } catch (err) {
      console.error(`[alerts] rule ${row.id} has invalid stored params; skipped`, err);
    }
  }
  cached = { version, rules, sites: new Map(listSites(db).map((s) => [s.id, s])) };
  return cached;
}
