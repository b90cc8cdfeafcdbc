/** Narrowing of a weekly report: the same `group` / `region` values as the incident filter. */
export interface WeeklyFilter {
  group?: string[];
  region?: string[];
}

export interface WhereFragment {
  sql: string;
  params: Record<string, bigint | string>;
}

/**
 * Day numbers are bound as BigInt: better-sqlite3 binds JS numbers as REAL, which would turn
 * `(occurred_day - @base) / 7` into float division and can defeat integer index comparisons.
 */
export const int = (n: number): bigint => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return BigInt(n);
};

/**
 * `occurred_day BETWEEN @from AND @to` plus the group/region filter, with named parameters.
 * The unary `+` keeps SQLite on the day index (whose entries carry region and group_id)
 * instead of scanning every row of a large group through incidents_group_time_idx.
 */
export function weekWhere(fromDay: number, toDay: number, f: WeeklyFilter, alias = ''): WhereFragment {
  const c = alias ? `${alias}.` : '';
  const parts = [`${c}occurred_day BETWEEN @fromDay AND @toDay`];
  return filtered(parts, c, f, { fromDay: int(fromDay), toDay: int(toDay) }, true);
}

/** The group/region filter alone, over incidents aliased `alias` ('1' when the filter is empty). */
export function incidentFilterWhere(f: WeeklyFilter, alias: string): WhereFragment {
  const w = filtered([], `${alias}.`, f, {}, true);
  return { sql: w.sql || '1', params: w.params };
}

/** The same range and filter over the incident_day_stats rollup (its region is 'none' instead of NULL). */
export function statsWhere(fromDay: number, toDay: number, f: WeeklyFilter): WhereFragment {
  return filtered(['day BETWEEN @fromDay AND @toDay'], '', f, { fromDay: int(fromDay), toDay: int(toDay) }, false);
}

function filtered(
  parts: string[],
  c: string,
  f: WeeklyFilter,
  params: Record<string, bigint | string>,
  nullRegion: boolean,
): WhereFragment {
  if (f.group?.length) {
    parts.push(`+${c}group_id IN (${f.group.map((_, i) => `@g${i}`).join(', ')})`);
    f.group.forEach((g, i) => (params[`g${i}`] = g));
  }
  if (f.region?.length) {
    const named = nullRegion ? f.region.filter((r) => r !== 'none') : f.region;
    const ors: string[] = [];
    if (named.length) {
      ors.push(`+${c}region IN (${named.map((_, i) => `@r${i}`).join(', ')})`);
      named.forEach((r, i) => (params[`r${i}`] = r));
    }
    if (nullRegion && f.region.includes('none')) ors.push(`+${c}region IS NULL`);
    parts.push(`(${ors.join(' OR ')})`);
  }
  return { sql: parts.join(' AND '), params };
}

export { cachedStatement as stmt } from '@/db/statement-cache';
