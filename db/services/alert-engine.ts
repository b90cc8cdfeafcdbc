import type { Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { engineOf, transact } from '@/db/engine';
import { evaluateInstant, evaluateNewActor, isRuleActive } from '@/lib/alerts/evaluate';
import { matchesScope, withinHorizon } from '@/lib/alerts/scope';
import {
  evaluateSpike,
  evaluateThreshold,
  spikeBounds,
  thresholdCrossing,
  thresholdFiringAt,
  type WindowEvent,
} from '@/lib/alerts/window-rules';
import { windowKey } from '@/lib/alerts/dedupe';
import type { ThresholdParams } from '@/lib/alerts/rule-schema';
import { DAY_MS, HOUR_MS, type Firing, type IncidentFacts, type Rule } from '@/lib/alerts/types';
import {
  decideStep,
  lazyWindowEvents,
  priorInRegionStep,
  readAlertExists,
  readInsertedFacts,
  readLatestEventAt,
  readRecentIds,
  readSpikeCounts,
  readStoredKeys,
  readWindowEvents,
  type LazySequence,
  type SpikeCounts,
} from '@/db/queries/alert-queries';
import { all, read, runAsync, runSync, type Maybe, type Step } from '@/db/queries/alert-step';
import { batchingReads, gateReads } from '@/db/pg/read-batch';
import { persistFirings, storeFiringsStep, type DueFiring } from './alert-fire';
import { readRuleSet, type CompiledRule, type RuleSet } from './alert-rule-cache';
import { underLock } from './alert-locks';
import { diagnostics } from '@/lib/diagnostics';

/*
 * Evaluation is written once as steps (db/queries/alert-step.ts): synchronous on SQLite, so the
 * synchronous write paths (group commit, the import writer) evaluate inside their transaction
 * with better-sqlite3's prepared statements, and async on PostgreSQL.
 */

export interface EvalOptions {
  now: number;
  horizonHours: number;
  /** What the write read already (PostgreSQL: incident-insert-pg.ts): the inserted rows' facts and the rules' version. */
  known?: KnownReads;
}

/** The facts of the inserted incidents, as readInsertedFacts would read them but before the horizon filter, and the rules' version. */
export interface KnownReads {
  facts: IncidentFacts[];
  rulesVersion: string;
  /**
   * Set when the evaluation starts before the insert has answered (PostgreSQL: its first reads go
   * out with the insert, db/services/incident-writes.ts): the facts' ids are stand-ins (with the
   * rows' keys) and the version a guess until this resolves with the version the insert read, the
   * ids then filled in. It rejects when the rows were not stored as guessed; that, or a version
   * other than the rule set used, ends the evaluation with a GuessMissed before it writes
   * anything, and the caller evaluates again from the insert's answer.
   */
  ready?: Promise<string>;
}

/** An evaluation started before its insert answered guessed wrong (see KnownReads.ready). */
export class GuessMissed extends Error {
  constructor() {
    super('the alert evaluation sent with the insert guessed wrong');
  }
}

/** Kinds whose decision reads the database first: their reads may go out before the insert has answered. */
const READS_FIRST: ReadonlySet<Rule['kind']> = new Set<Rule['kind']>(['threshold', 'spike', 'new-actor']);

/**
 * The spike test compares 7-day against 8-week counts, which one more incident barely moves:
 * on ingest each spike rule is re-tested at most this often per process, and the
 * minute-by-minute scheduled pass covers the gap.
 */
export const SPIKE_RETEST_MS = 60_000;

/** Reads shared by the rules of one evaluation (same scope and span, same incident). */
interface EvalCache {
  windows: Map<string, WindowEvent[]>;
  sequences: Map<string, LazySequence>;
  /** Latest earlier incident of the same group and region since the longest new-actor look-back. */
  priors: Map<IncidentFacts, Maybe<number | null>>;
  /** PostgreSQL: the threshold rules' stored window keys near the batch, read with the first round (see storedWindowKeys). */
  stored?: { candidates: ReadonlySet<string>; found: Promise<ReadonlySet<string>> };
  spikes: SpikeCache;
  newActorDays: number;
}

/** Up to this many fresh incidents (API posts, small imports) each read their own lazy window. */
const LAZY_BATCH = 16;

function* thresholdFirings(db: Store, c: CompiledRule, batch: IncidentFacts[], cache: EvalCache): Step<Firing[]> {
  if (c.rule.kind !== 'threshold') return [];
  const p = c.rule.params;
  const w = p.windowHours * HOUR_MS;
  const out = new Map<string, Firing>();
  if (batch.length <= LAZY_BATCH) {
    // PostgreSQL, several fresh incidents (a group commit of API posts): their windows side by side.
    if (batch.length > 1 && engineOf(db) === 'postgres') return yield* lazyThresholdFirings(db, c, p, batch, cache);
    // A busy scope has a crossing within its first few events, and it has usually fired already.
    for (const i of batch) {
      const seq = windowSequence(db, c, i, w, cache);
      const crossing = yield* decideStep(seq, (s) => thresholdCrossing(p, s, i.occurredAt));
      if (!crossing) continue;
      const dedupeKey = windowKey(crossing.crossedAt, w);
      if (out.has(dedupeKey) || (yield* alreadyFired(db, c.rule.id, dedupeKey, cache))) continue;
      out.set(dedupeKey, yield* decideStep(seq, (s) => thresholdFiringAt(c.rule, p, s, crossing)));
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
  if (!events) cache.windows.set(key, (events = yield* read(readWindowEvents(db, c.scope, lo - w, hi + w))));
  for (const i of batch) {
    const f = evaluateThreshold(c.rule, p, events, i.occurredAt);
    if (f && !out.has(f.dedupeKey)) out.set(f.dedupeKey, f);
  }
  return [...out.values()];
}

/** The lazy window of incident `i` (shared by rules of the same scope and span, and by incidents of the same moment). */
function windowSequence(db: Store, c: CompiledRule, i: IncidentFacts, w: number, cache: EvalCache): LazySequence {
  const key = `${c.scope.where}|${c.scope.params.join('\u0000')}|${i.occurredAt}|${w}`;
  let seq = cache.sequences.get(key);
  if (!seq) cache.sequences.set(key, (seq = lazyWindowEvents(db, c.scope, i.occurredAt - w, i.occurredAt + w)));
  return seq;
}

/**
 * thresholdFirings' lazy path with the incidents' windows read side by side (each round of reads is
 * one statement through the batching view) instead of one incident after the other: the same
 * firings, as the first incident (in batch order) of each crossed window decides that window's
 * firing either way.
 */
function* lazyThresholdFirings(db: Store, c: CompiledRule, p: ThresholdParams, batch: IncidentFacts[], cache: EvalCache): Step<Firing[]> {
  const w = p.windowHours * HOUR_MS;
  const seqs = batch.map((i) => windowSequence(db, c, i, w, cache));
  const crossings = yield* all(batch.map((i, k) => decideStep(seqs[k], (s) => thresholdCrossing(p, s, i.occurredAt))));
  const first = new Map<string, number>();
  crossings.forEach((crossing, k) => {
    const dedupeKey = crossing && windowKey(crossing.crossedAt, w);
    if (dedupeKey && !first.has(dedupeKey)) first.set(dedupeKey, k);
  });
  const windows = [...first];
  const stored = yield* all(windows.map(([dedupeKey]) => alreadyFired(db, c.rule.id, dedupeKey, cache)));
  const due = windows.filter((_, j) => !stored[j]).map(([, k]) => k);
  return yield* all(due.map((k) => decideStep(seqs[k], (s) => thresholdFiringAt(c.rule, p, s, crossings[k]!))));
}

/** Whether the rule has fired for this window already: from the keys read with the first round where they cover it. */
function* alreadyFired(db: Store, ruleId: number, dedupeKey: string, cache: EvalCache): Step<boolean> {
  const pair = `${ruleId}\u0000${dedupeKey}`;
  if (cache.stored?.candidates.has(pair)) return (yield* read(cache.stored.found)).has(pair);
  return yield* read(readAlertExists(db, ruleId, dedupeKey));
}

/**
 * PostgreSQL: the stored alerts of the lazy threshold rules among `rules` for every window bucket a
 * crossing near the batch can fall in (a crossing is an event within W of its incident, so its
 * bucket is one of the three around it), read in ONE statement issued with the rules' first
 * reads: the dedupe check that followed a crossing then costs no round of its own.
 */
function storedWindowKeys(db: Store, rules: CompiledRule[], fresh: IncidentFacts[]): EvalCache['stored'] {
  if (engineOf(db) !== 'postgres' || fresh.length > LAZY_BATCH) return undefined;
  const candidates = new Set<string>();
  const pairs: [number, string][] = [];
  for (const c of rules) {
    if (c.rule.kind !== 'threshold') continue;
    const w = c.rule.params.windowHours * HOUR_MS;
    for (const i of fresh) {
      if (!matchesScope(c.rule.scope, i)) continue;
      for (let b = Math.floor((i.occurredAt - w) / w); b <= Math.floor((i.occurredAt + w) / w); b++) {
        const key = windowKey(b * w, w);
        const pair = `${c.rule.id}\u0000${key}`;
        if (candidates.has(pair)) continue;
        candidates.add(pair);
        pairs.push([c.rule.id, key]);
      }
    }
  }
  if (!pairs.length) return undefined;
  const found = Promise.resolve(readStoredKeys(db, pairs)).then((got) => new Set(got.map(([r, k]) => `${r}\u0000${k}`)));
  found.catch(() => undefined); // read by the rules that cross, if any
  return { candidates, found };
}

/** The new-actor look-up, once per incident for every new-actor rule (each checks its own days). */
function* priorFor(db: Store, i: IncidentFacts, days: number, cache: EvalCache): Step<number | null> {
  if (!cache.priors.has(i)) {
    // Kept as the read itself (a promise on PostgreSQL), so rules evaluated side by side share one.
    const step = priorInRegionStep(db, i, i.occurredAt - cache.newActorDays * DAY_MS);
    cache.priors.set(i, engineOf(db) === 'sqlite' ? runSync(step) : runAsync(step));
  }
  const prior = yield* read(cache.priors.get(i)!);
  return prior !== null && prior >= i.occurredAt - days * DAY_MS ? prior : null;
}

/** Spike counts per scope and moment, shared by every spike rule of that scope in one pass. */
type SpikeCache = Map<string, SpikeCounts>;

function* spikeFirings(db: Store, c: CompiledRule, now: number, cache: SpikeCache): Step<Firing[]> {
  if (c.rule.kind !== 'spike') return [];
  const b = spikeBounds(now);
  const key = `${c.scope.where}|${c.scope.params.join('\u0000')}|${now}`;
  let counts = cache.get(key);
  if (!counts) cache.set(key, (counts = yield* read(readSpikeCounts(db, c.scope, b))));
  const { observed, baseline } = counts;
  const f = evaluateSpike(c.rule, c.rule.params, observed, baseline, now, []);
  return f ? [{ ...f, incidentIds: yield* read(readRecentIds(db, c.scope, b.observedFrom, b.to)) }] : [];
}

/** Evaluates one rule against a batch of new, in-horizon, in-scope incidents. */
function* firingsFor(db: Store, c: CompiledRule, batch: IncidentFacts[], set: RuleSet, now: number, cache: EvalCache): Step<Firing[]> {
  const { rule } = c;
  switch (rule.kind) {
    case 'threshold':
      return yield* thresholdFirings(db, c, batch, cache);
    case 'spike': {
      const last = set.spikeTestedAt.get(rule.id);
      if (last !== undefined && now - last < SPIKE_RETEST_MS && now >= last) return [];
      set.spikeTestedAt.set(rule.id, now);
      return yield* spikeFirings(db, c, now, cache.spikes);
    }
    case 'new-actor': {
      const out: Firing[] = [];
      for (const i of batch) {
        const f = evaluateNewActor(rule, rule.params, i, i.region ? yield* priorFor(db, i, rule.params.days, cache) : null);
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

function ruleFailed(c: CompiledRule, err: unknown): void {
  diagnostics().error(
    { component: 'alerts', ruleId: c.rule.id, err },
    'a rule failed to evaluate; the incidents were stored without its alerts',
  );
}

function* insertedStep(db: Store, insertedIds: readonly number[], opts: EvalOptions): Step<number[]> {
  if (insertedIds.length === 0) return [];
  const since = opts.now - opts.horizonHours * HOUR_MS;
  const { known } = opts;
  // PostgreSQL: the facts are read with the rules' version (one round trip through the batching
  // view), unless the write read both already.
  const factsAhead = known
    ? Promise.resolve(known.facts.filter((f) => f.occurredAt >= since))
    : engineOf(db) === 'postgres'
      ? Promise.resolve(readInsertedFacts(db, insertedIds, since))
      : null;
  factsAhead?.catch(() => undefined); // read below, or unused when no rule is active
  const set = yield* read(readRuleSet(db, known?.rulesVersion, known?.ready !== undefined));
  // Before anything is written (or the evaluation ends), a guess is confirmed (KnownReads.ready).
  const confirmed = function* (): Step<void> {
    if (known?.ready && (yield* read(known.ready)) !== set.version) throw new GuessMissed();
  };
  const active = set.rules.filter((c) => isRuleActive(c.rule, opts.now));
  if (active.length === 0) return (yield* confirmed(), []);
  const fresh = yield* read(factsAhead ?? readInsertedFacts(db, insertedIds, since));
  if (fresh.length === 0) return (yield* confirmed(), []);
  const newActorDays = Math.max(0, ...active.map((c) => (c.rule.kind === 'new-actor' ? c.rule.params.days : 0)));
  // The insert's answer, never failing: rules decided by the incident alone (its id is in their
  // firing) wait for it; rules that read first get their answers after it (gateReads).
  let insertFailed = false; // then every read failed with it: no rule to blame
  known?.ready?.catch((err: unknown) => void (insertFailed = !(err instanceof GuessMissed)));
  const answered = known?.ready?.then(
    () => undefined,
    () => undefined,
  );
  if (answered) gateReads(db, answered);
  const decideAll = function* (rules: CompiledRule[]): Step<DueFiring[]> {
    const cache: EvalCache = { windows: new Map(), sequences: new Map(), priors: new Map(), spikes: new Map(), newActorDays };
    cache.stored = storedWindowKeys(db, rules, fresh);
    const decideOne = function* (c: CompiledRule): Step<DueFiring[]> {
      const batch = fresh.filter((i) => matchesScope(c.rule.scope, i));
      if (batch.length === 0) return [];
      if (answered && !READS_FIRST.has(c.rule.kind)) yield* read(answered);
      try {
        // Rules read only their own alerts (dedupe), so every rule's firings can be stored together.
        return (yield* firingsFor(db, c, batch, set, opts.now, cache)).map((firing) => ({ rule: c.rule, firing }));
      } catch (err) {
        if (!insertFailed) ruleFailed(c, err);
        return [];
      }
    };
    // PostgreSQL: side by side, so each round's reads of every rule share one round trip.
    if (engineOf(db) === 'postgres') return (yield* all(rules.map(decideOne))).flat();
    // SQLite (every read synchronous): one after the other, with no generator or array per rule.
    const due: DueFiring[] = [];
    for (const c of rules) {
      const batch = fresh.filter((i) => matchesScope(c.rule.scope, i));
      if (batch.length === 0) continue;
      try {
        for (const firing of yield* firingsFor(db, c, batch, set, opts.now, cache)) due.push({ rule: c.rule, firing });
      } catch (err) {
        ruleFailed(c, err);
      }
    }
    return due;
  };
  const tested = known?.ready ? new Map(set.spikeTestedAt) : null;
  const decided = yield* decideAll(active);
  if (known?.ready)
    try {
      yield* confirmed();
    } catch (miss) {
      // Evaluated again from the insert's answer: the spike rules tested here are tested there.
      for (const [id, at] of set.spikeTestedAt)
        if (at === opts.now && tested!.get(id) !== at) {
          if (tested!.has(id)) set.spikeTestedAt.set(id, tested!.get(id)!);
          else set.spikeTestedAt.delete(id);
        }
      throw miss;
    }
  const due = yield* underLock(db, decided, (locked) => decideAll(active.filter((c) => locked.has(c.rule.id))));
  return yield* storeFiringsStep(db, due, opts.now);
}

/**
 * Evaluates all active rules for a batch of newly inserted incidents inside the caller's
 * transaction (`tx`). Historical rows (older than the horizon) are dropped in SQL first, so a bulk
 * backfill costs one range query per batch. Returns the ids of alerts that fired. Inside a
 * synchronous better-sqlite3 transaction body use evaluateInsertedSqlite: this one's reads after
 * its first await would run once that body had already committed.
 */
export function evaluateInserted(tx: Store, insertedIds: readonly number[], opts: EvalOptions): Promise<number[]> {
  return runAsync(insertedStep(batchingReads(tx), insertedIds, opts));
}

/** evaluateInserted for SQLite's synchronous write paths, inside their better-sqlite3 transaction. */
export function evaluateInsertedSqlite(tx: Db, insertedIds: readonly number[], opts: EvalOptions): number[] {
  if (engineOf(tx) !== 'sqlite') throw new Error('evaluateInsertedSqlite needs a SQLite connection');
  return runSync(insertedStep(tx, insertedIds, opts));
}

function* windowStep(db: Store, opts: EvalOptions, only?: ReadonlySet<number>): Step<DueFiring[]> {
  const set = yield* read(readRuleSet(db));
  const due: DueFiring[] = [];
  const spikes: SpikeCache = new Map();
  for (const c of set.rules) {
    if (only && !only.has(c.rule.id)) continue;
    if (!isRuleActive(c.rule, opts.now)) continue;
    if (c.rule.kind === 'threshold') {
      // The window (now − W, now] anchored at its latest incident, read lazily like on ingest.
      const p = c.rule.params;
      const from = opts.now - p.windowHours * HOUR_MS;
      const last = yield* read(readLatestEventAt(db, c.scope, from, opts.now + 1));
      if (last === null || !withinHorizon(last, opts.now, opts.horizonHours)) continue;
      const seq = lazyWindowEvents(db, c.scope, from, opts.now + 1);
      const crossing = yield* decideStep(seq, (s) => thresholdCrossing(p, s, last));
      if (crossing && !(yield* read(readAlertExists(db, c.rule.id, windowKey(crossing.crossedAt, p.windowHours * HOUR_MS)))))
        due.push({ rule: c.rule, firing: yield* decideStep(seq, (s) => thresholdFiringAt(c.rule, p, s, crossing)) });
    } else if (c.rule.kind === 'spike') {
      const horizonStart = opts.now - opts.horizonHours * HOUR_MS;
      if ((yield* read(readRecentIds(db, c.scope, horizonStart - 1, opts.now, 1))).length)
        for (const firing of yield* spikeFirings(db, c, opts.now, spikes)) due.push({ rule: c.rule, firing });
    }
  }
  return due;
}

/**
 * Scheduled pass for window rules (threshold, spike) at `now`: catches conditions that
 * became true without a new insert on this process (rules created or re-enabled after the
 * incidents arrived, spike re-tests skipped on ingest). The latest in-scope incident must be
 * within the horizon. Evaluation only reads; a write transaction is opened only when
 * something fires, so an idle minute never waits on another process's import.
 */
export async function evaluateWindowRules(store: Store, opts: EvalOptions): Promise<number[]> {
  const due = await runAsync(windowStep(store, opts));
  if (due.length === 0) return [];
  // Exactly once across processes and instances: persistFirings inserts ON CONFLICT DO NOTHING on
  // the alert's unique (rule, dedupe key), so a pass that lost a race to another stores nothing.
  // Decided again in the transaction under the rules' locks on PostgreSQL, like on ingest.
  const ids = await transact(store, async (tx) =>
    persistFirings(tx, await runAsync(underLock(tx, due, (locked) => windowStep(tx, opts, locked))), opts.now),
  );
  return ids.filter((id): id is number => id !== null);
}
