import type { FullCell } from '@/lib/reports/assemble';
import type { Store } from '@/db/store';
import { all, first, int, statsWhere, type WeeklyFilter } from './weekly-sql';

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
export async function weeklyRollup(store: Store, baseDay: number, weeks: number, f: WeeklyFilter): Promise<RollupCell[]> {
  const w = statsWhere(baseDay, baseDay + weeks * 7 - 1, f);
  const text = `SELECT (day - @base) / 7 AS wk, ${REGION} AS region,
      SUM(incidents) AS incidents, SUM(killed) AS killed, SUM(injured) AS injured,
      SUM(killed_security) AS "killedSecurity", SUM(killed_civilians) AS "killedCivilians",
      SUM(killed_militants) AS "killedMilitants", SUM(killed_unattributed) AS "killedUnattributed",
      SUM(injured_security) AS "injuredSecurity", SUM(injured_civilians) AS "injuredCivilians",
      SUM(injured_militants) AS "injuredMilitants", SUM(injured_unattributed) AS "injuredUnattributed",
      SUM(imprecise) AS imprecise, SUM(cross_border) AS "crossBorder",
      SUM(demo) AS demo, SUM(imported) AS imported, SUM(live) AS live
    FROM ${w.from} WHERE ${w.sql} GROUP BY wk, region`;
  return all<RollupCell>(store, text, { ...w.params, base: int(baseDay) });
}

/** Trend-only rollup (incidents, killed, injured per week and region) for the 12-week chart timing hook. */
export async function weeklyTrendRollup(store: Store, baseDay: number, weeks: number, f: WeeklyFilter) {
  const w = statsWhere(baseDay, baseDay + weeks * 7 - 1, f);
  const text = `SELECT (day - @base) / 7 AS wk, ${REGION} AS region, SUM(incidents) AS incidents,
      SUM(killed) AS killed, SUM(injured) AS injured
    FROM ${w.from} WHERE ${w.sql} GROUP BY wk, region`;
  return all<Pick<RollupCell, 'wk' | 'region' | 'incidents' | 'killed' | 'injured'>>(store, text, { ...w.params, base: int(baseDay) });
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
export async function weeklyBreakdown(
  store: Store,
  by: 'group_id' | 'event_type',
  prevStartDay: number,
  f: WeeklyFilter,
): Promise<KeyedCell[]> {
  const w = statsWhere(prevStartDay, prevStartDay + 13, f);
  const text = `SELECT (day - @base) / 7 AS wk, ${by} AS key, SUM(incidents) AS incidents,
      SUM(killed) AS killed, SUM(injured) AS injured, SUM(claimed) AS claimed
    FROM ${w.from} WHERE ${w.sql} GROUP BY wk, key`;
  return all<KeyedCell>(store, text, { ...w.params, base: int(prevStartDay) });
}

export interface RegionGroupCell {
  region: string | null;
  group: string;
  incidents: number;
  claimed: number;
}

/** Region × group counts in the report week (for "TTP claimed 6" and new actors). */
export async function regionGroupCells(store: Store, startDay: number, f: WeeklyFilter): Promise<RegionGroupCell[]> {
  const w = statsWhere(startDay, startDay + 6, f);
  const text = `SELECT ${REGION} AS region, group_id AS "group", SUM(incidents) AS incidents, SUM(claimed) AS claimed
    FROM ${w.from} WHERE ${w.sql} GROUP BY region, group_id`;
  return all<RegionGroupCell>(store, text, w.params);
}

/** True when `group` has any incident in `region` dated before day `beforeDay` (index seek on the rollup). */
export async function seenBefore(store: Store, group: string, region: string, beforeDay: number): Promise<boolean> {
  const row = await first(
    store,
    `SELECT 1 AS hit FROM incident_day_stats WHERE region = @region AND group_id = @group AND day < @before LIMIT 1`,
    {
      group,
      region,
      before: int(beforeDay),
    },
  );
  return row !== undefined;
}

/**
 * Earliest incident of a group in a region within the report week. The unary `+` keeps SQLite on
 * the day index: through incidents_group_time_idx it walks a large group's whole history in time
 * order to reach the week.
 */
export async function firstIncidentIn(store: Store, group: string, region: string, startDay: number): Promise<number> {
  const row = await first<{ id: number }>(
    store,
    `SELECT id FROM incidents WHERE occurred_day BETWEEN @from AND @to AND +region = @region AND +group_id = @group ORDER BY occurred_at, id LIMIT 1`,
    { group, region, from: int(startDay), to: int(startDay + 6) },
  );
  return row!.id;
}
