import type { Store } from '@/db/store';
import { AppError } from '@/lib/errors';
import { simulateRule, lookbackMs, TESTER_DAYS } from '@/lib/alerts/simulate';
import { DAY_MS, type Rule } from '@/lib/alerts/types';
import { historyFacts, scopeSql } from './alert-queries';
import { listSites } from '@/db/services/sites';

export interface TesterResult {
  days: number;
  from: string;
  to: string;
  count: number;
  /** Newest first, at most 200. */
  firings: { at: string; summary: string; incidentIds: number[]; details: Record<string, unknown> }[];
}

/**
 * The most incidents one replay reads (the 90 days plus the rule's lookback, in the rule's
 * group and region scope). About 100 bytes of facts each, so ≈ 10 MB and a few hundred ms of
 * pure evaluation at most; a rule that would read more gets a 400 asking for a narrower scope.
 */
export const TESTER_MAX_INCIDENTS = 100_000;

/**
 * "Would have fired N times in the last 90 days": replays stored history through the engine's
 * own pure rule functions (lib/alerts/simulate.ts), writes nothing. The rule may be unsaved
 * (the preview passes id 0).
 */
export async function testRule(store: Store, rule: Rule, now = Date.now(), maxIncidents = TESTER_MAX_INCIDENTS): Promise<TesterResult> {
  const from = now - TESTER_DAYS * DAY_MS;
  // Type is applied in the replay: new-actor needs the group's other incidents in the region too.
  const history = await historyFacts(store, scopeSql(rule.scope, { withType: false }), from - lookbackMs(rule), now, maxIncidents + 1);
  if (history.length > maxIncidents)
    throw new AppError(
      'bad_request',
      `This rule would replay more than ${maxIncidents.toLocaleString('en-US')} incidents: narrow its groups or regions (or, for a new-actor rule, its days).`,
    );
  const sites = new Map((await listSites(store)).map((s) => [s.id, s]));
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
