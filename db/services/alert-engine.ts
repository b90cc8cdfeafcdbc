import { sqlOf, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { evaluateInstant, evaluateNewActor, isRuleActive } from '@/lib/alerts/evaluate';
import { matchesScope, withinHorizon } from '@/lib/alerts/scope';
import {
  evaluateSpike,
  evaluateThreshold,
  spikeBounds,
  thresholdCrossing,
  thresholdFiringAt,
  type EventSequence,
} from '@/lib/alerts/window-rules';
import { windowKey } from '@/lib/alerts/dedupe';
import { DAY_MS, HOUR_MS, type Firing, type IncidentFacts } from '@/lib/alerts/types';
import {
  alertExists,
  latestEventAt,
  lazyWindowEvents,
  loadInsertedFacts,
  priorInRegion,
  recentIds,
  spikeCounts,
  windowEvents,
} from '@/db/queries/alert-queries';
import { persistFirings, storeFirings, type DueFiring } from './alert-fire';
import { loadRuleSet, type CompiledRule, type RuleSet } from './alert-rule-cache';
import { outboxAppended } from '@/db/outbox-signal';
import { diagnostics } from '@/lib/diagnostics';

export interface EvalOptions {
  now: number;
  horizonHours: number;
}

/**
 * The spike test compares 7-day against 8-week counts, which one more incident barely moves:
 * on ingest each spike rule is re-tested at most this often per process, and the
 * minute-by-minute scheduled pass covers the gap.
 */
export const SPIKE_RETEST_MS = 60_000;

/** Reads shared by the rules of one evaluation (same scope and span, same incident). */
interface EvalCache {
  windows: Map<string, ReturnType<typeof windowEvents>>;
  sequences: Map<string, EventSequence>;
  /** Latest earlier incident of the same group and region since the longest new-actor look-back. */
  priors: Map<number, number | null>;
  spikes: SpikeCache;
  newActorDays: number;
}

/** Up to this many fresh incidents (API posts, small imports) each read their own lazy window. */
const LAZY_BATCH = 16;

function thresholdFirings(db: Db, c: CompiledRule, batch: IncidentFacts[], cache: EvalCache): Firing[] {
  if (c.rule.kind !== 'threshold') return [];
  const p = c.rule.params;
  const w = p.windowHours * HOUR_MS;
  const out = new Map<string, Firing>();
  if (batch.length <= LAZY_BATCH) {
    // A busy scope has a crossing within its first few events, and it has usually fired already.
    for (const i of batch) {
      const key = `${c.scope.where}|${c.scope.params.join('\u0000')}|${i.occurredAt}|${w}`;
      let seq = cache.sequences.get(key);
      if (!seq) cache.sequences.set(key, (seq = lazyWindowEvents(db, c.scope, i.occurredAt - w, i.occurredAt + w)));
      const crossing = thresholdCrossing(p, seq, i.occurredAt);
      if (!crossing) continue;
      const dedupeKey = windowKey(crossing.crossedAt, w);
      if (out.has(dedupeKey) || alertExists(db, c.rule.id, dedupeKey)) continue;
      out.set(dedupeKey, thresholdFiringAt(c.rule, p, seq, crossing));
    }
    return [...out.values()];
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const i of batch) {
    lo = Math.min(lo, i.occurredAt);
    hi = Math.max(hi, i.occurredAt);
  }
  const key = `${c.scope.where}|${c.scope.params.join('\u0000')}|${lo - w}|${hi + w}`;
  let events = cache.windows.get(key);
  if (!events) cache.windows.set(key, (events = windowEvents(db, c.scope, lo - w, hi + w)));
  for (const i of batch) {
    const f = evaluateThreshold(c.rule, p, events, i.occurredAt);
    if (f && !out.has(f.dedupeKey)) out.set(f.dedupeKey, f);
  }
  return [...out.values()];
}

/** The new-actor look-up, once per incident for every new-actor rule (each checks its own days). */
function priorFor(db: Db, i: IncidentFacts, days: number, cache: EvalCache): number | null {
  if (!cache.priors.has(i.id)) cache.priors.set(i.id, priorInRegion(db, i, i.occurredAt - cache.newActorDays * DAY_MS));
  const prior = cache.priors.get(i.id)!;
  return prior !== null && prior >= i.occurredAt - days * DAY_MS ? prior : null;
}

/** Spike counts per scope and moment, shared by every spike rule of that scope in one pass. */
type SpikeCache = Map<string, ReturnType<typeof spikeCounts>>;

function spikeFirings(db: Db, c: CompiledRule, now: number, cache: SpikeCache): Firing[] {
  if (c.rule.kind !== 'spike') return [];
  const b = spikeBounds(now);
  const key = `${c.scope.where}|${c.scope.params.join('\u0000')}|${now}`;
  let counts = cache.get(key);
  if (!counts) cache.set(key, (counts = spikeCounts(db, c.scope, b)));
  const { observed, baseline } = counts;
  const f = evaluateSpike(c.rule, c.rule.params, observed, baseline, now, []);
  return f ? [{ ...f, incidentIds: recentIds(db, c.scope, b.observedFrom, b.to) }] : [];
}

/** Evaluates one rule against a batch of new, in-horizon, in-scope incidents. */
function firingsFor(db: Db, c: CompiledRule, batch: IncidentFacts[], set: RuleSet, now: number, cache: EvalCache): Firing[] {
  const { rule } = c;
  switch (rule.kind) {
    case 'threshold':
      return thresholdFirings(db, c, batch, cache);
    case 'spike': {
      const last = set.spikeTestedAt.get(rule.id);
      if (last !== undefined && now - last < SPIKE_RETEST_MS && now >= last) return [];
      set.spikeTestedAt.set(rule.id, now);
      return spikeFirings(db, c, now, cache.spikes);
    }
    case 'new-actor': {
      const out: Firing[] = [];
      for (const i of batch) {
        const f = evaluateNewActor(rule, rule.params, i, i.region ? priorFor(db, i, rule.params.days, cache) : null);
        if (f) out.push(f);
      }
      return out;
    }
    default: {
      const out: Firing[] = [];
      for (const i of batch) {
        const f = evaluateInstant(rule, i, set.sites);
        if (f) out.push(f);
      }
      return out;
    }
  }
}

/**
 * Evaluates all active rules for a batch of newly inserted incidents inside the caller's
 * transaction. Historical rows (older than the horizon) are dropped in SQL first, so a bulk
 * backfill costs one range query per batch. Returns the ids of alerts that fired.
 */
export function evaluateInserted(db: Db, insertedIds: readonly number[], opts: EvalOptions): number[] {
  if (insertedIds.length === 0) return [];
  const set = loadRuleSet(db);
  const active = set.rules.filter((c) => isRuleActive(c.rule, opts.now));
  if (active.length === 0) return [];
  const fresh = loadInsertedFacts(db, insertedIds, opts.now - opts.horizonHours * HOUR_MS);
  if (fresh.length === 0) return [];
  const due: DueFiring[] = [];
  const newActorDays = Math.max(0, ...active.map((c) => (c.rule.kind === 'new-actor' ? c.rule.params.days : 0)));
  const cache: EvalCache = { windows: new Map(), sequences: new Map(), priors: new Map(), spikes: new Map(), newActorDays };
  for (const c of active) {
    const batch = fresh.filter((i) => matchesScope(c.rule.scope, i));
    if (batch.length === 0) continue;
    try {
      // Rules read only their own alerts (dedupe), so every rule's firings can be stored together.
      for (const firing of firingsFor(db, c, batch, set, opts.now, cache)) due.push({ rule: c.rule, firing });
    } catch (err) {
      diagnostics().error(
        { component: 'alerts', ruleId: c.rule.id, err },
        'a rule failed to evaluate; the incidents were stored without its alerts',
      );
    }
  }
  return storeFirings(db, due, opts.now);
}

/**
 * Scheduled pass for window rules (threshold, spike) at `now`: catches conditions that
 * became true without a new insert on this process (rules created or re-enabled after the
 * incidents arrived, spike re-tests skipped on ingest). The latest in-scope incident must be
 * within the horizon. Evaluation only reads; a write transaction is opened only when
 * something fires, so an idle minute never waits on another process's import.
 */
export function evaluateWindowRules(store: Store, opts: EvalOptions): number[] {
  const db = sqlOf(store);
  const set = loadRuleSet(db);
  const due: DueFiring[] = [];
  const spikes: SpikeCache = new Map();
  for (const c of set.rules) {
    if (!isRuleActive(c.rule, opts.now)) continue;
    if (c.rule.kind === 'threshold') {
      // The window (now − W, now] anchored at its latest incident, read lazily like on ingest.
      const p = c.rule.params;
      const from = opts.now - p.windowHours * HOUR_MS;
      const last = latestEventAt(db, c.scope, from, opts.now + 1);
      if (last === null || !withinHorizon(last, opts.now, opts.horizonHours)) continue;
      const seq = lazyWindowEvents(db, c.scope, from, opts.now + 1);
      const crossing = thresholdCrossing(p, seq, last);
      if (crossing && !alertExists(db, c.rule.id, windowKey(crossing.crossedAt, p.windowHours * HOUR_MS)))
        due.push({ rule: c.rule, firing: thresholdFiringAt(c.rule, p, seq, crossing) });
    } else if (c.rule.kind === 'spike') {
      const horizonStart = opts.now - opts.horizonHours * HOUR_MS;
      if (recentIds(db, c.scope, horizonStart - 1, opts.now, 1).length)
        for (const firing of spikeFirings(db, c, opts.now, spikes)) due.push({ rule: c.rule, firing });
    }
  }
  if (due.length === 0) return [];
  const fired = db.$client.transaction(() => persistFirings(db, due, opts.now).filter((id): id is number => id !== null)).immediate();
  if (fired.length && !db.$client.inTransaction) outboxAppended();
  return fired;
}
