import type { FullCell } from '@/lib/reports/assemble';
import type { Db } from '@/db/connection';
import { int, statsWhere, stmt, type WeeklyFilter } from './weekly-sql';

/** One (week, region) cell of the 12-week rollup; `wk` counts weeks from the base Monday. */
export interface RollupCell extends FullCell {
  imprecise: number;
  crossBorder: number;
  demo: number;
  imported: number;
  live: number;
}

/** Region as the reports use it: the rollup stores 'none' where incidents have NULL. */
const REGION = `CASE region WHEN 'none' THEN NULL ELSE region END`;

/**
 * Counts per week and region over `weeks` weeks starting at Monday `baseDay`, summed from the
 * incident_day_stats rollup (sequential primary-key range; no per-incident lookups).
 */
export function weeklyRollup(db: Db, baseDay: number, weeks: number, f: WeeklyFilter): RollupCell[] {
  const w = statsWhere(baseDay, baseDay + weeks * 7 - 1, f);
  const text = `SELECT (day - @base) / 7 AS wk, ${REGION} AS region,
      SUM(incidents) AS incidents, SUM(killed) AS killed, SUM(injured) AS injured,
      SUM(killed_security) AS killedSecurity, SUM(killed_civilians) AS killedCivilians,
      SUM(killed_militants) AS killedMilitants, SUM(killed_unattributed) AS killedUnattributed,
      SUM(injured_security) AS injuredSecurity, SUM(injured_civilians) AS injuredCivilians,
      SUM(injured_militants) AS injuredMilitants, SUM(injured_unattributed) AS injuredUnattributed,
      SUM(imprecise) AS imprecise, SUM(cross_border) AS crossBorder,
      SUM(demo) AS demo, SUM(imported) AS imported, SUM(live) AS live
    FROM incident_day_stats WHERE ${w.sql} GROUP BY wk, region`;
  return stmt(db, text).all({ ...w.params, base: int(baseDay) }) as RollupCell[];
}

/** Trend-only rollup (incidents, killed, injured per week and region) for the 12-week chart timing hook. */
export function weeklyTrendRollup(db: Db, baseDay: number, weeks: number, f: WeeklyFilter) {
  const w = statsWhere(baseDay, baseDay + weeks * 7 - 1, f);
  const text = `SELECT (day - @base) / 7 AS wk, ${REGION} AS region, SUM(incidents) AS incidents,
      SUM(killed) AS killed, SUM(injured) AS injured
    FROM incident_day_stats WHERE ${w.sql} GROUP BY wk, region`;
  return stmt(db, text).all({ ...w.params, base: int(baseDay) }) as Pick<
    RollupCell,
    'wk' | 'region' | 'incidents' | 'killed' | 'injured'
  >[];
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
  const w = statsWhere(prevStartDay, prevStartDay + 13, f);
  const text = `SELECT (day - @base) / 7 AS wk, ${by} AS key, SUM(incidents) AS incidents,
      SUM(killed) AS killed, SUM(injured) AS injured, SUM(claimed) AS claimed
    FROM incident_day_stats WHERE ${w.sql} GROUP BY wk, key`;
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
  const w = statsWhere(startDay, startDay + 6, f);
  const text = `SELECT ${REGION} AS region, group_id AS "group", SUM(incidents) AS incidents, SUM(claimed) AS claimed
    FROM incident_day_stats WHERE ${w.sql} GROUP BY region, group_id`;
  return stmt(db, text).all(w.params) as RegionGroupCell[];
}

/** True when `group` has any incident in `region` dated before day `beforeDay` (index seek on the rollup). */
export function seenBefore(db: Db, group: string, region: string, beforeDay: number): boolean {
  const row = stmt(
    db,
    `SELECT 1 AS hit FROM incident_day_stats WHERE region = @region AND group_id = @group AND day < @before LIMIT 1`,
  ).get({
    group,
    region,
    before: int(beforeDay),
  });
  return row !== undefined;
}

/**
 * Earliest incident of a group in a region within the report week. The unary `+` keeps SQLite on
 * the day index: through incidents_group_time_idx it walks a large group's whole history in time
 * order to reach the week.
 */
export function firstIncidentIn(db: Db, group: string, region: string, startDay: number): number {
  const row = stmt(
    db,
    `SELECT id FROM incidents WHERE occurred_day BETWEEN @from AND @to AND +region = @region AND +group_id = @group ORDER BY occurred_at, id LIMIT 1`,
  ).get({ group, region, from: int(startDay), to: int(startDay + 6) }) as { id: number };
  return row.id;
}
