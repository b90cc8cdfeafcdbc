import { sql, type SQL } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import { engineOf, rows } from '@/db/engine';
import type { Store } from '@/db/store';
import { cachedStatement } from '@/db/statement-cache';

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

/** The group/region filter alone, over incidents aliased `alias` ('1 = 1' when the filter is empty: a boolean on both engines). */
export function incidentFilterWhere(f: WeeklyFilter, alias: string): WhereFragment {
  const w = filtered([], `${alias}.`, f, {}, true);
  return { sql: w.sql || '1 = 1', params: w.params };
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

export type Params = Record<string, bigint | number | string | null>;

/**
 * Runs one of the weekly queries (SQL text of this module with `@name` parameters) on either
 * engine. SQLite keeps its cached prepared statement (the brief runs a dozen small queries, where
 * re-preparing would cost more than the indexed reads). PostgreSQL gets the same text as a Drizzle
 * `sql` object: each `@name` becomes a bound parameter (never spliced text), and SQLite's unary
 * `+` index hint is dropped, since PostgreSQL has no unary `+` on text and plans on its own.
 */
export async function all<T>(store: Store, text: string, params?: Params): Promise<T[]> {
  if (engineOf(store) === 'sqlite') {
    const s = cachedStatement(sqlOf(store), text);
    return Promise.resolve((params ? s.all(params) : s.all()) as T[]);
  }
  return rows<T>(store, pgQuery(text, params ?? {}));
}

/** The first row of all(), or undefined. */
export async function first<T>(store: Store, text: string, params?: Params): Promise<T | undefined> {
  return (await all<T>(store, text, params))[0];
}

const HINT = /(^|[\s(])\+(?=[a-z])/g;

function pgQuery(text: string, params: Params): SQL {
  const plain = text.replace(HINT, '$1');
  const chunks: SQL[] = [];
  let last = 0;
  for (const m of plain.matchAll(/@(\w+)/g)) {
    if (!(m[1] in params)) throw new Error(`weekly query: no value for @${m[1]}`);
    const v = params[m[1]];
    chunks.push(sql.raw(plain.slice(last, m.index)), sql`${typeof v === 'bigint' ? Number(v) : v}`);
    last = m.index + m[0].length;
  }
  chunks.push(sql.raw(plain.slice(last)));
  return sql.join(chunks);
}
