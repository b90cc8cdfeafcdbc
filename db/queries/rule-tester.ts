import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { simulateRule, lookbackMs, TESTER_DAYS } from '@/lib/alerts/simulate';
import { DAY_MS, type Rule } from '@/lib/alerts/types';
import { historyFacts, scopeSql } from './alert-queries';
import { listSitesSync as listSites } from '@/db/services/sites';

export interface TesterResult {
  days: number;
  from: string;
  to: string;
  count: number;
  /** Newest first, at most 200. */
  firings: { at: string; summary: string; incidentIds: number[]; details: Record<string, unknown> }[];
}

/** "Would have fired N times in the last 90 days": replays stored history, writes nothing. */
export function testRule(store: Store, rule: Rule, now = Date.now()): TesterResult {
  const db = sqlOf(store);
  const from = now - TESTER_DAYS * DAY_MS;
  // Type is applied in the replay: new-actor needs the group's other incidents in the region too.
  const history = historyFacts(db, scopeSql(rule.scope, { withType: false }), from - lookbackMs(rule), now);
  const sites = new Map(listSites(db).map((s) => [s.id, s]));
  const fired = simulateRule(rule, history, sites, from, now);
  return {
    days: TESTER_DAYS,
    from: new Date(from).toISOString(),
    to: new Date(now).toISOString(),
    count: fired.length,
    firings: fired
      .slice(0, 200)
      .map((f) => ({ at: new Date(f.at).toISOString(), summary: f.summary, incidentIds: f.incidentIds.slice(0, 100), details: f.details })),
  };
}
