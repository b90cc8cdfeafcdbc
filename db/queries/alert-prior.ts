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

/** The three reads of priorInRegion on SQLite. */
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

/**
 * PostgreSQL's two reads: the last day, then every listed day of the rollup in ONE statement (a
 * LATERAL look-up per day, the latest of them). Read day by day, as SQLite does, each day cost a
 * round trip of its own: ~0.9 per POST at 1M with the bench's rules (49 day lists and 303 day
 * reads per 400 posts, pg_stat_statements), more than the look-ups. The answer is the same: the
 * day-by-day loop stops only where no older day can hold a later incident, so its answer is the
 * latest over all the days too.
 */
function pgReads(store: Store) {
  const earlier = (i: IncidentFacts, since: number) => {
    // A row whose id is not known yet (read in the statement after its insert): found by its key.
    const id =
      i.id < 0 && i.key ? sql`(SELECT id FROM incidents WHERE source = ${i.key.source} AND source_id = ${i.key.sourceId})` : sql`${i.id}`;
    return sql`group_id = ${i.groupId} AND region = ${i.region} AND occurred_at >= ${since} AND occurred_at <= ${i.occurredAt}
          AND id <> ${id} AND (occurred_at < ${i.occurredAt} OR id < ${id})`;
  };
  const first = async (q: ReturnType<typeof sql>) => (await rows<{ at: number }>(store, q))[0]?.at;
  return {
    recent: (i: IncidentFacts, since: number) =>
      first(sql`SELECT occurred_at AS at FROM incidents WHERE ${earlier(i, since)} ORDER BY occurred_at DESC LIMIT 1`),
    overDays: (i: IncidentFacts, fromDay: number, toDay: number, since: number) =>
      first(
        sql`SELECT x.at FROM (SELECT DISTINCT day FROM incident_day_stats WHERE region = ${i.region} AND group_id = ${i.groupId}
              AND day BETWEEN ${fromDay} AND ${toDay}) d
            CROSS JOIN LATERAL (SELECT occurred_at AS at FROM incidents WHERE occurred_day = d.day AND ${earlier(i, since)}
              ORDER BY occurred_at DESC LIMIT 1) x
            ORDER BY x.at DESC LIMIT 1`,
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
  const fromDay = Math.floor(since / DAY_MS) - DAY_SLACK;
  const toDay = Math.floor(i.occurredAt / DAY_MS) + DAY_SLACK;
  if (engineOf(store) === 'postgres') {
    const pg = pgReads(store);
    const recent = yield* read(pg.recent(i, Math.max(since, i.occurredAt - DAY_MS)));
    return recent ?? (yield* read(pg.overDays(i, fromDay, toDay, since))) ?? null;
  }
  const reads = sqliteReads(store);
  const recent = yield* read(reads.recent(i, Math.max(since, i.occurredAt - DAY_MS)));
  if (recent !== undefined) return recent;
  const days = yield* read(reads.days(i, fromDay, toDay));
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
