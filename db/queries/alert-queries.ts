import { cachedStatement } from '@/db/statement-cache';
import type { Db } from '@/db/connection';
import type { RuleScope } from '@/lib/alerts/rule-schema';
import { scopeTerms } from '@/lib/alerts/scope';
import type { IncidentFacts } from '@/lib/alerts/types';
import type { EventSequence, WindowEvent } from '@/lib/alerts/window-rules';

const stmt = cachedStatement;

const FACTS_SQL = `id, occurred_at AS occurredAt, group_id AS groupId, region, event_type AS eventType, sub_event_type AS subEventType,
  killed, injured, cross_border AS crossBorder, lat, lon`;

interface FactRow extends Omit<IncidentFacts, 'crossBorder'> {
  crossBorder: number;
}
const toFacts = (r: FactRow): IncidentFacts => ({ ...r, crossBorder: r.crossBorder === 1 });

/** A rule scope as SQL text plus its parameters (each dimension an indexed IN list). */
export interface ScopeSql {
  where: string;
  params: string[];
}
/** The scope's terms from the filter definition (lib/filters/definition.ts) as SQL text; the filter property test checks it. */
export function scopeSql(scope: RuleScope, opts: { withType?: boolean } = {}): ScopeSql {
  const { group, region, type } = scopeTerms(scope);
  const parts: string[] = [];
  const params: string[] = [];
  const list = (xs: readonly string[]) => xs.map(() => '?').join(',');
  if (group) {
    parts.push(`group_id IN (${list(group)})`);
    params.push(...group);
  }
  if (region) {
    const named = region.ids.length ? `region IN (${list(region.ids)})` : '';
    parts.push(region.none ? (named ? `(${named} OR region IS NULL)` : 'region IS NULL') : named);
    params.push(...region.ids);
  }
  if (type && opts.withType !== false) {
    parts.push(`(event_type IN (${list(type)}) OR sub_event_type IN (${list(type)}))`);
    params.push(...type, ...type);
  }
  return { where: parts.map((p) => ` AND ${p}`).join(''), params };
}

/** Id spans up to this many rows are read by rowid in loadInsertedFacts. */
const ROWID_RANGE_MAX = 4096;

/** Newly inserted incidents that occurred at or after `since` (one range query per batch). */
export function loadInsertedFacts(db: Db, insertedIds: readonly number[], since: number): IncidentFacts[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const id of insertedIds) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  const wanted = new Set(insertedIds);
  // A few posts span a short id range: read it by rowid. Through the time index instead, each post
  // of a live feed read every incident since the horizon, a cost that grew with every post at
  // "now". A large backfill (`+id` keeps SQLite on the time index) spans many ids but
  // its recent part is tiny.
  const sql =
    hi - lo < ROWID_RANGE_MAX
      ? `SELECT ${FACTS_SQL} FROM incidents NOT INDEXED WHERE id BETWEEN ? AND ? AND occurred_at >= ?`
      : `SELECT ${FACTS_SQL} FROM incidents WHERE +id BETWEEN ? AND ? AND occurred_at >= ?`;
  const rows = stmt(db, sql).all(lo, hi, since) as FactRow[];
  return rows.filter((r) => wanted.has(r.id)).map(toFacts);
}

/** In-scope incidents of [from − lookback, to], oldest first (rule tester). */
export function historyFacts(db: Db, scope: ScopeSql, from: number, to: number): IncidentFacts[] {
  const sql = `SELECT ${FACTS_SQL} FROM incidents WHERE occurred_at >= ? AND occurred_at <= ?${scope.where} ORDER BY occurred_at, id`;
  return (stmt(db, sql).all(from, to, ...scope.params) as FactRow[]).map(toFacts);
}

/** In-scope incidents with from < occurredAt < to, oldest first. */
export function windowEvents(db: Db, scope: ScopeSql, from: number, to: number): WindowEvent[] {
  const sql = `SELECT id, occurred_at AS at, coalesce(killed, 0) AS killed FROM incidents WHERE occurred_at > ? AND occurred_at < ?${scope.where} ORDER BY occurred_at, id`;
  return stmt(db, sql).all(from, to, ...scope.params) as WindowEvent[];
}

/**
 * In-scope events with from < occurredAt < to, oldest first, read lazily in growing keyset chunks:
 * a threshold in a busy scope is decided by its first few events, not the whole window.
 * The bounds and the LIMIT are bound as `+?`, an expression, not a bare parameter: SQLite re-plans
 * a statement on every run when a bare parameter's value may change the plan (a LIMIT, and with
 * sqlite_stat4 a range on an indexed column), which was almost half of each read here, and a post
 * reads about a dozen windows. The plan is the same either way.
 */
export function lazyWindowEvents(db: Db, scope: ScopeSql, from: number, to: number): EventSequence {
  const base = `SELECT id, occurred_at AS at, coalesce(killed, 0) AS killed FROM incidents WHERE occurred_at > +? AND occurred_at < +?${scope.where}`;
  const loaded: WindowEvent[] = [];
  let done = false;
  let chunk = 8;
  return {
    get(k) {
      while (k >= loaded.length && !done) {
        const last = loaded.at(-1);
        const rows = (
          last
            ? stmt(db, `${base} AND (occurred_at > +? OR (occurred_at = +? AND id > +?)) ORDER BY occurred_at, id LIMIT +?`).all(
                from,
                to,
                ...scope.params,
                last.at,
                last.at,
                last.id,
                chunk,
              )
            : stmt(db, `${base} ORDER BY occurred_at, id LIMIT +?`).all(from, to, ...scope.params, chunk)
        ) as WindowEvent[];
        loaded.push(...rows);
        done = rows.length < chunk;
        chunk = Math.min(chunk * 4, 4096);
      }
      return loaded[k];
    },
  };
}

/** occurred_at of the latest in-scope incident with from < occurredAt < to, or null. */
export function latestEventAt(db: Db, scope: ScopeSql, from: number, to: number): number | null {
  const sql = `SELECT occurred_at FROM incidents WHERE occurred_at > ? AND occurred_at < ?${scope.where} ORDER BY occurred_at DESC LIMIT 1`;
  return (
    (stmt(db, sql)
      .pluck()
      .get(from, to, ...scope.params) as number | undefined) ?? null
  );
}

/** Whether the rule already fired for this dedupe key (a new firing would be a duplicate). */
export function alertExists(db: Db, ruleId: number, dedupeKey: string): boolean {
  return stmt(db, 'SELECT 1 FROM alerts WHERE rule_id = ? AND dedupe_key = ?').get(ruleId, dedupeKey) !== undefined;
}

/** In-scope counts for the spike test: (observedFrom, to] and (baselineFrom, observedFrom]. */
export function spikeCounts(db: Db, scope: ScopeSql, b: { baselineFrom: number; observedFrom: number; to: number }) {
  const sql = `SELECT coalesce(sum(occurred_at > ?), 0) AS observed, count(*) AS total FROM incidents WHERE occurred_at > ? AND occurred_at <= ?${scope.where}`;
  const row = stmt(db, sql).get(b.observedFrom, b.baselineFrom, b.to, ...scope.params) as { observed: number; total: number };
  return { observed: row.observed, baseline: row.total - row.observed };
}

export function recentIds(db: Db, scope: ScopeSql, from: number, to: number, limit = 100): number[] {
  const sql = `SELECT id FROM incidents WHERE occurred_at > ? AND occurred_at <= ?${scope.where} ORDER BY occurred_at DESC LIMIT ?`;
  return (stmt(db, sql).all(from, to, ...scope.params, limit) as { id: number }[]).map((r) => r.id).reverse();
}

const DAY_MS = 86_400_000;
/** occurred_at lies within this many days of its occurred_day (zone offsets ≤ 14 h; date-only rows at 12:00 UTC). */
const DAY_SLACK = 2;

/**
 * Latest earlier incident (ties broken by id) of the same group in the same region since `since`.
 * The last day is read through the group's time index (a busy pair answers there); beyond it the
 * daily rollup's (region, group, day) index lists the days the pair has incidents, newest first,
 * each one indexed lookup: a pair that is rare in a busy group (the very case a new-actor rule
 * exists for) no longer scans the group's whole window, which grows with the group's history.
 */
export function priorInRegion(db: Db, i: IncidentFacts, since: number): number | null {
  if (i.region === null) return null;
  const recent = stmt(
    db,
    // +? as in lazyWindowEvents: one plan (the group's time index) instead of a re-plan per post
    // from sqlite_stat4, which cost more than the read itself (same answers).
    `SELECT occurred_at FROM incidents WHERE group_id = +? AND region = +? AND occurred_at >= +? AND occurred_at <= +?
       AND id <> +? AND (occurred_at < +? OR id < +?) ORDER BY occurred_at DESC LIMIT 1`,
  )
    .pluck()
    .get(i.groupId, i.region, Math.max(since, i.occurredAt - DAY_MS), i.occurredAt, i.id, i.occurredAt, i.id) as number | undefined;
  if (recent !== undefined) return recent;
  const days = stmt(db, 'SELECT day FROM incident_day_stats WHERE region = ? AND group_id = ? AND day BETWEEN ? AND ? ORDER BY day DESC')
    .pluck()
    .all(i.region, i.groupId, Math.floor(since / DAY_MS) - DAY_SLACK, Math.floor(i.occurredAt / DAY_MS) + DAY_SLACK) as number[];
  const onDay = stmt(
    db,
    // The planner would rather walk the group's time index over the whole window for each day.
    `SELECT occurred_at FROM incidents INDEXED BY incidents_day_idx WHERE occurred_day = ? AND region = ? AND group_id = ? AND occurred_at >= ?
       AND occurred_at <= ? AND id <> ? AND (occurred_at < ? OR id < ?) ORDER BY occurred_at DESC LIMIT 1`,
  ).pluck();
  let best: number | null = null;
  for (const day of days) {
    // No row of this day (or an earlier one) can be later than `best`.
    if (best !== null && (day + 1 + DAY_SLACK) * DAY_MS <= best) break;
    const at = onDay.get(day, i.region, i.groupId, since, i.occurredAt, i.id, i.occurredAt, i.id) as number | undefined;
    if (at !== undefined && (best === null || at > best)) best = at;
  }
  return best;
}

export { stmt as alertStatement };
