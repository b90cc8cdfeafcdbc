import type { FullCell } from '@/lib/reports/assemble';
import type { Db } from '@/db/connection';
import { int, stmt, weekWhere, type WeeklyFilter } from './weekly-sql';

/** One (week, region) cell of the 12-week rollup; `wk` counts weeks from the base Monday. */
export interface RollupCell extends FullCell {
  imprecise: number;
  crossBorder: number;
  demo: number;
  imported: number;
  live: number;
}

const unattributed = (k: 'killed' | 'injured') =>
  `SUM(MAX(0, COALESCE(${k}, 0) - COALESCE(${k}_security, 0) - COALESCE(${k}_civilians, 0) - COALESCE(${k}_militants, 0)))`;

/** Counts per week and region over `weeks` weeks starting at Monday `baseDay`: one indexed range scan. */
export function weeklyRollup(db: Db, baseDay: number, weeks: number, f: WeeklyFilter): RollupCell[] {
  const w = weekWhere(baseDay, baseDay + weeks * 7 - 1, f);
  const text = `SELECT (occurred_day - @base) / 7 AS wk, region,
      COUNT(*) AS incidents, COALESCE(SUM(killed), 0) AS killed, COALESCE(SUM(injured), 0) AS injured,
      COALESCE(SUM(killed_security), 0) AS killedSecurity, COALESCE(SUM(killed_civilians), 0) AS killedCivilians,
      COALESCE(SUM(killed_militants), 0) AS killedMilitants, ${unattributed('killed')} AS killedUnattributed,
      COALESCE(SUM(injured_security), 0) AS injuredSecurity, COALESCE(SUM(injured_civilians), 0) AS injuredCivilians,
      COALESCE(SUM(injured_militants), 0) AS injuredMilitants, ${unattributed('injured')} AS injuredUnattributed,
      SUM(time_precision > 1) AS imprecise, SUM(cross_border) AS crossBorder,
      SUM(dataset = 'demo') AS demo, SUM(dataset = 'import') AS imported, SUM(dataset = 'live') AS live
    FROM incidents WHERE ${w.sql} GROUP BY wk, region`;
  return stmt(db, text).all({ ...w.params, base: int(baseDay) }) as RollupCell[];
}

/** Trend-only rollup (incidents, killed, injured per week and region) for the 12-week chart timing hook. */
export function weeklyTrendRollup(db: Db, baseDay: number, weeks: number, f: WeeklyFilter) {
  const w = weekWhere(baseDay, baseDay + weeks * 7 - 1, f);
  const text = `SELECT (occurred_day - @base) / 7 AS wk, region, COUNT(*) AS incidents,
      COALESCE(SUM(killed), 0) AS killed, COALESCE(SUM(injured), 0) AS injured
    FROM incidents WHERE ${w.sql} GROUP BY wk, region`;
  return stmt(db, text).all({ ...w.params, base: int(baseDay) }) as Pick<RollupCell, 'wk' | 'region' | 'incidents' | 'killed' | 'injured'>[];
}

export interface KeyedCell {
  /** 0 = previous week, 1 = report week. */
  wk: number;
  key: string;
  incidents: number;
  killed: number;
  injured: number;
  claimed: number;
}

/** Per group or per event type, for the report week and the one before (Monday `prevStartDay`). */
export function weeklyBreakdown(db: Db, by: 'group_id' | 'event_type', prevStartDay: number, f: WeeklyFilter): KeyedCell[] {
  const w = weekWhere(prevStartDay, prevStartDay + 13, f);
  const text = `SELECT (occurred_day - @base) / 7 AS wk, ${by} AS key, COUNT(*) AS incidents,
      COALESCE(SUM(killed), 0) AS killed, COALESCE(SUM(injured), 0) AS injured, SUM(claim_status = 'claimed') AS claimed
    FROM incidents WHERE ${w.sql} GROUP BY wk, key`;
  return stmt(db, text).all({ ...w.params, base: int(prevStartDay) }) as KeyedCell[];
}

export interface RegionGroupCell {
  region: string | null;
  group: string;
  incidents: number;
  claimed: number;
}

/** Region × group counts in the report week (for "TTP claimed 6" and new actors). */
export function regionGroupCells(db: Db, startDay: number, f: WeeklyFilter): RegionGroupCell[] {
  const w = weekWhere(startDay, startDay + 6, f);
  const text = `SELECT region, group_id AS "group", COUNT(*) AS incidents, SUM(claim_status = 'claimed') AS claimed
    FROM incidents WHERE ${w.sql} GROUP BY region, group_id`;
  return stmt(db, text).all(w.params) as RegionGroupCell[];
}

/** True when `group` has any incident in `region` dated before day `beforeDay`. */
export function seenBefore(db: Db, group: string, region: string, beforeDay: number): boolean {
  // occurred_at bounds the index range (group_id, occurred_at); occurred_day is the exact rule.
  // Date-only rows sit at 12:00 UTC, so one day plus 14 h covers every zone offset.
  const upperMs = (beforeDay + 1) * 86_400_000 + 14 * 3_600_000;
  const row = stmt(
    db,
    `SELECT 1 AS hit FROM incidents WHERE group_id = @group AND occurred_at < @upper AND occurred_day < @before AND region = @region LIMIT 1`,
  ).get({ group, region, upper: int(upperMs), before: int(beforeDay) });
  return row !== undefined;
}

/** Earliest incident of a group in a region within the report week. */
export function firstIncidentIn(db: Db, group: string, region: string, startDay: number): number {
  const row = stmt(
    db,
    `SELECT id FROM incidents WHERE occurred_day BETWEEN @from AND @to AND region = @region AND group_id = @group ORDER BY occurred_at, id LIMIT 1`,
  ).get({ group, region, from: int(startDay), to: int(startDay + 6) }) as { id: number };
  return row.id;
}
