import type Database from 'better-sqlite3';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { builder, engineOf } from '@/db/engine';
import { alertRules } from '@/db/schema';
import { processSingleton } from '@/lib/registry';
import type { Rule, Site } from '@/lib/alerts/types';
import { scopeSql, type ScopeSql } from '@/db/queries/alert-queries';
import { rowToRule, rulesVersion, rulesVersionSync } from './alert-rule-store';
import { ensureSeedSites, ensureSeedSitesSync, listSites, listSitesSync } from './sites';
import { diagnostics } from '@/lib/diagnostics';
import type { Maybe } from '@/db/queries/alert-step';

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
// On PostgreSQL every transaction is its own handle, so sets are kept by their version token: a
// random UUID per change, never shared by two databases.
const pgCache = processSingleton('alertRuleSetsPg', () => new Map<string, RuleSet>());

type RuleRow = typeof alertRules.$inferSelect;

function compile(version: string, rows: RuleRow[], sites: Site[]): RuleSet {
  const rules: CompiledRule[] = [];
  for (const row of rows) {
    if (!row.enabled) continue;
    try {
      const rule = rowToRule(row);
      rules.push({ rule, scope: scopeSql(rule.scope) });
    } catch (err) {
      diagnostics().error({ component: 'alerts', ruleId: row.id, err }, 'a rule has invalid stored params; skipped');
    }
  }
  return { version, rules, sites: new Map(sites.map((s) => [s.id, s])), spikeTestedAt: new Map() };
}

/**
 * Enabled rules and sites, reloaded only when the rules-version token in `meta` changes
 * (any process or instance that edits rules or sites bumps it), so each ingest costs one key
 * lookup. Synchronous on SQLite (see db/queries/alert-step.ts).
 */
export function readRuleSet(store: Store, knownVersion?: string, guessed = false): Maybe<RuleSet> {
  return engineOf(store) === 'sqlite' ? sqliteRuleSet(store) : pgRuleSet(store, knownVersion, guessed);
}

/** The version of the rule set PostgreSQL's evaluations used last in this process, while it is cached. */
const lastPg = processSingleton('alertRuleSetLastPg', () => ({ version: '' }));

/**
 * A guess at the rules' version a write will read (see KnownReads.ready in alert-engine.ts): the
 * last one used, if its set is still cached. Undefined when there is nothing to guess from.
 */
export function guessRulesVersion(): string | undefined {
  return lastPg.version !== '' && pgCache.has(lastPg.version) ? lastPg.version : undefined;
}
export const loadRuleSet = async (store: Store): Promise<RuleSet> => readRuleSet(store);

/** `knownVersion`: the version token as the caller's transaction has read it already (a POST's insert). */
async function pgRuleSet(store: Store, knownVersion?: string, guessed = false): Promise<RuleSet> {
  let version = knownVersion ?? (await rulesVersion(store));
  let cached = pgCache.get(version);
  // A guessed version no longer cached: what the database holds (never cache rules under a guess).
  if (!cached && guessed) cached = pgCache.get((version = await rulesVersion(store)));
  if (cached) {
    lastPg.version = version;
    return cached;
  }
  if (await ensureSeedSites(store)) version = await rulesVersion(store);
  const set = compile(version, await builder(store).select().from(alertRules), await listSites(store));
  if (version !== '') {
    if (pgCache.size >= 16) pgCache.clear();
    pgCache.set(version, set);
    lastPg.version = version;
  }
  return set;
}

function sqliteRuleSet(store: Store): RuleSet {
  const db = sqlOf(store);
  let version = rulesVersionSync(db);
  const cached = cache.get(db.$client);
  if (cached && version !== '' && cached.version === version) return cached;
  if (ensureSeedSitesSync(db)) version = rulesVersionSync(db);
  const set = compile(version, db.select().from(alertRules).all(), listSitesSync(db));
  cache.set(db.$client, set);
  return set;
}
