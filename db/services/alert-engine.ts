import { evaluateInstant, evaluateNewActor, isRuleActive } from '@/lib/alerts/evaluate';
import { matchesScope, withinHorizon } from '@/lib/alerts/scope';
import { evaluateSpike, evaluateThreshold, spikeBounds } from '@/lib/alerts/window-rules';
import { DAY_MS, HOUR_MS, type Firing, type IncidentFacts, type Rule } from '@/lib/alerts/types';
import type { SqlDb } from './alert-db';
import { loadInsertedFacts, priorInRegion, recentIds, spikeCounts, windowEvents } from './alert-queries';
import { persistFiring } from './alert-fire';
import { loadRuleSet } from './alert-rule-cache';

export interface EvalOptions {
  now: number;
  horizonHours: number;
}

/** Evaluates one rule against a batch of new, in-horizon incidents (already scope-filtered). */
function firingsFor(db: SqlDb, rule: Rule, batch: IncidentFacts[], sites: ReturnType<typeof loadRuleSet>['sites'], now: number): Firing[] {
  const out: Firing[] = [];
  switch (rule.kind) {
    case 'threshold': {
      const w = rule.params.windowHours * HOUR_MS;
      let lo = Infinity;
      let hi = -Infinity;
      for (const i of batch) {
        lo = Math.min(lo, i.occurredAt);
        hi = Math.max(hi, i.occurredAt);
      }
      const events = windowEvents(db, rule.scope, lo - w, hi + w);
      const seen = new Set<string>();
      for (const i of batch) {
        const f = evaluateThreshold(rule, rule.params, events, i.occurredAt);
        if (f && !seen.has(f.dedupeKey)) {
          seen.add(f.dedupeKey);
          out.push(f);
        }
      }
      break;
    }
    case 'spike':
      out.push(...spikeAt(db, rule, now));
      break;
    case 'new-actor':
      for (const i of batch) {
        const f = evaluateNewActor(rule, rule.params, i, priorInRegion(db, i, i.occurredAt - rule.params.days * DAY_MS));
        if (f) out.push(f);
      }
      break;
    default:
      for (const i of batch) {
        const f = evaluateInstant(rule, i, sites);
        if (f) out.push(f);
      }
  }
  return out;
}

function spikeAt(db: SqlDb, rule: Rule, now: number): Firing[] {
  if (rule.kind !== 'spike') return [];
  const b = spikeBounds(now);
  const { observed, baseline } = spikeCounts(db, rule.scope, b);
  const f = evaluateSpike(rule, rule.params, observed, baseline, now, []);
  return f ? [{ ...f, incidentIds: recentIds(db, rule.scope, b.observedFrom, b.to) }] : [];
}

/**
 * Evaluates all active rules for a batch of newly inserted incidents inside the caller's
 * transaction. Historical rows (older than the horizon) are dropped in SQL first, so a bulk
 * backfill costs one range query per batch. Returns the ids of alerts that fired.
 */
export function evaluateInserted(db: SqlDb, insertedIds: readonly number[], opts: EvalOptions): number[] {
  if (insertedIds.length === 0) return [];
  const set = loadRuleSet(db);
  const active = set.rules.filter((r) => isRuleActive(r, opts.now));
  if (active.length === 0) return [];
  const fresh = loadInsertedFacts(db, insertedIds, opts.now - opts.horizonHours * HOUR_MS);
  if (fresh.length === 0) return [];
  const fired: number[] = [];
  for (const rule of active) {
    const batch = fresh.filter((i) => matchesScope(rule.scope, i));
    if (batch.length === 0) continue;
    for (const f of firingsFor(db, rule, batch, set.sites, opts.now)) {
      const id = persistFiring(db, rule, f, opts.now);
      if (id !== null) fired.push(id);
    }
  }
  return fired;
}

/**
 * Scheduled pass for window rules (threshold, spike) at `now`: catches conditions that
 * became true without a new insert on this process (rules created or re-enabled after
 * the incidents arrived). The latest incident in the window must be within the horizon.
 */
export function evaluateWindowRules(db: SqlDb, opts: EvalOptions): number[] {
  const set = loadRuleSet(db);
  const fired: number[] = [];
  const horizonStart = opts.now - opts.horizonHours * HOUR_MS;
  for (const rule of set.rules) {
    if (!isRuleActive(rule, opts.now)) continue;
    let firings: Firing[] = [];
    if (rule.kind === 'threshold') {
      const events = windowEvents(db, rule.scope, opts.now - rule.params.windowHours * HOUR_MS, opts.now + 1);
      const last = events[events.length - 1];
      if (last && withinHorizon(last.at, opts.now, opts.horizonHours)) {
        const f = evaluateThreshold(rule, rule.params, events, last.at);
        if (f) firings = [f];
      }
    } else if (rule.kind === 'spike') {
      if (recentIds(db, rule.scope, horizonStart - 1, opts.now, 1).length) firings = spikeAt(db, rule, opts.now);
    }
    for (const f of firings) {
      const id = persistFiring(db, rule, f, opts.now);
      if (id !== null) fired.push(id);
    }
  }
  return fired;
}
