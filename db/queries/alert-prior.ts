import { sql } from 'drizzle-orm';
import { cachedStatement as stmt } from '@/db/statement-cache';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { engineOf, rows } from '@/db/engine';
import type { IncidentFacts } from '@/lib/alerts/types';
import { read, runAsync, type Maybe, type Step } from './alert-step';

const DAY_MS = 86_400_000;
/** occurred_at lies within this many days of its occurred_day (zone offsets ≤ 14 h; date-only rows at 12:00 UTC). */
const DAY_SLACK = 2;

/** The three reads of priorInRegion, per engine. */
interface PriorReads {
  recent(i: IncidentFacts, since: number): Maybe<number | undefined>;
  days(i: IncidentFacts, fromDay: number, toDay: number): Maybe<number[]>;
  onDay(i: IncidentFacts, day: number, since: number): Maybe<number | undefined>;
}

function sqliteReads(store: Store): PriorReads {
  const db = sqlOf(store);
  return {
    recent: (i, since) =>
      stmt(
        db,
        // +? as in lazyWindowEvents: one plan (the group's time index) instead of a re-plan per post
        // from sqlite_stat4, which cost more than the read itself (same answers).
        `SELECT occurred_at FROM incidents WHERE group_id = +? AND region = +? AND occurred_at >= +? AND occurred_at <= +?
           AND id <> +? AND (occurred_at < +? OR id < +?) ORDER BY occurred_at DESC LIMIT 1`,
      )
        .pluck()
        .get(i.groupId, i.region, since, i.occurredAt, i.id, i.occurredAt, i.id) as number | undefined,
    days: (i, fromDay, toDay) =>
      stmt(db, 'SELECT day FROM incident_day_stats WHERE region = ? AND group_id = ? AND day BETWEEN ? AND ? ORDER BY day DESC')
        .pluck()
        .all(i.region, i.groupId, fromDay, toDay) as number[],
    onDay: (i, day, since) =>
      stmt(
        db,
        // The planner would rather walk the group's time index over the whole window for each day.
        `SELECT occurred_at FROM incidents INDEXED BY incidents_day_idx WHERE occurred_day = ? AND region = ? AND group_id = ? AND occurred_at >= ?
           AND occurred_at <= ? AND id <> ? AND (occurred_at < ? OR id < ?) ORDER BY occurred_at DESC LIMIT 1`,
      )
        .pluck()
        .get(day, i.region, i.groupId, since, i.occurredAt, i.id, i.occurredAt, i.id) as number | undefined,
  };
}

function pgReads(store: Store): PriorReads {
  const earlier = (i: IncidentFacts, since: number) =>
    sql`group_id = ${i.groupId} AND region = ${i.region} AND occurred_at >= ${since} AND occurred_at <= ${i.occurredAt}
          AND id <> ${i.id} AND (occurred_at < ${i.occurredAt} OR id < ${i.id})`;
  const first = async (q: ReturnType<typeof sql>) => (await rows<{ at: number }>(store, q))[0]?.at;
  return {
    recent: (i, since) => first(sql`SELECT occurred_at AS at FROM incidents WHERE ${earlier(i, since)} ORDER BY occurred_at DESC LIMIT 1`),
    days: async (i, fromDay, toDay) =>
      (
        await rows<{ day: number }>(
          store,
          sql`SELECT day FROM incident_day_stats WHERE region = ${i.region} AND group_id = ${i.groupId} AND day BETWEEN ${fromDay} AND ${toDay} ORDER BY day DESC`,
        )
      ).map((r) => r.day),
    onDay: (i, day, since) =>
      first(
        sql`SELECT occurred_at AS at FROM incidents WHERE occurred_day = ${day} AND ${earlier(i, since)} ORDER BY occurred_at DESC LIMIT 1`,
      ),
  };
}

/**
 * Latest earlier incident (ties broken by id) of the same group in the same region since `since`.
 * The last day is read through the group's time index (a busy pair answers there); beyond it the
 * daily rollup's (region, group, day) index lists the days the pair has incidents, newest first,
 * each one indexed lookup: a pair that is rare in a busy group (the very case a new-actor rule
 * exists for) no longer scans the group's whole window, which grows with the group's history.
 */
export function* priorInRegionStep(store: Store, i: IncidentFacts, since: number): Step<number | null> {
  if (i.region === null) return null;
  const reads = engineOf(store) === 'sqlite' ? sqliteReads(store) : pgReads(store);
  const recent = yield* read(reads.recent(i, Math.max(since, i.occurredAt - DAY_MS)));
  if (recent !== undefined) return recent;
  const days = yield* read(reads.days(i, Math.floor(since / DAY_MS) - DAY_SLACK, Math.floor(i.occurredAt / DAY_MS) + DAY_SLACK));
  let best: number | null = null;
  for (const day of days) {
    // No row of this day (or an earlier one) can be later than `best`.
    if (best !== null && (day + 1 + DAY_SLACK) * DAY_MS <= best) break;
    const at = yield* read(reads.onDay(i, day, since));
    if (at !== undefined && (best === null || at > best)) best = at;
  }
  return best;
}

export const priorInRegion = (store: Store, i: IncidentFacts, since: number): Promise<number | null> =>
  runAsync(priorInRegionStep(store, i, since));
