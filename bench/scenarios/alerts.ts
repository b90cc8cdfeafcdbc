import { afterIngestSync } from '@/db/services/after-ingest';
import { bumpRulesVersionSync } from '@/db/services/alert-rule-store';
import { loadGroupMatcherSync, writeIncidentsSync } from '@/db/services/ingest';
import { inImmediateTransaction } from '@/db/services/transaction';
import { incidentInputSchema } from '@/lib/incidents/input';
import { normalizeIncident } from '@/lib/incidents/normalize';
import type { Db } from '@/db/connection';
import { REPORT_TIME_ZONE } from '../data/dataset';
import { metric } from '../lib/metric';
import { Rng } from '../lib/prng';
import { percentile } from '../lib/stats';
import { incidentBody } from './incident-body';
import type { Scenario } from './types';

const INCIDENTS = 301;
const ROLLBACK = new Error('bench rollback');

/**
 * Times afterIngestSync (the SQLite alert evaluation) for each incident, written one by one inside a single transaction that
 * is rolled back afterwards (the working copy stays as loaded). The first incident warms the
 * rule cache and is not counted.
 */
function evaluateAll(db: Db, bodies: Record<string, unknown>[], rulesEnabled: boolean): number[] {
  const times: number[] = [];
  try {
    inImmediateTransaction(db, (tx) => {
      if (!rulesEnabled) {
        tx.$client.exec('UPDATE alert_rules SET enabled = 0');
        bumpRulesVersionSync(tx);
      }
      const matcher = loadGroupMatcherSync(tx);
      for (const body of bodies) {
        const now = Date.now();
        const n = normalizeIncident(incidentInputSchema.parse(body), {
          matcher,
          timeZone: REPORT_TIME_ZONE,
          sourceId: String(body.sourceId),
        });
        const result = writeIncidentsSync(tx, [n], { dataset: 'live', now });
        const t = performance.now();
        afterIngestSync(tx, result, { now, via: 'api' });
        times.push(performance.now() - t);
      }
      throw ROLLBACK;
    });
  } catch (err) {
    if (err !== ROLLBACK) throw err;
  }
  return times.slice(1);
}

/** Alert evaluation per incident with the 200 enabled benchmark rules, against no enabled rule. */
export const alertsScenario: Scenario = {
  name: 'alerts',
  // eslint-disable-next-line @typescript-eslint/require-await -- a synchronous measurement behind the async Scenario contract
  async run(ctx, run) {
    const db = ctx.db();
    const enabled = db.$client.prepare('SELECT count(*) FROM alert_rules WHERE enabled = 1').pluck().get() as number;
    const rng = new Rng(ctx.args.seed * 17 + run);
    const bodies = Array.from({ length: INCIDENTS }, (_, i) => incidentBody(rng, `alerts-${run}-${i}`));
    const withRules = evaluateAll(db, bodies, true);
    const without = evaluateAll(db, bodies, false);
    return [
      metric('alerts', `evaluation p95 per incident (${enabled} enabled rules)`, 'ms', percentile(withRules, 95), 'max', 5, {
        baseline: { name: 'same hook, no enabled rule', value: percentile(without, 95) },
      }),
    ];
  },
};
