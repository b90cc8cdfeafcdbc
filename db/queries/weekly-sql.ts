import { sql, type SQL } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import { engineOf, rows } from '@/db/engine';
import type { Store } from '@/db/store';
import { cachedStatement } from '@/db/statement-cache';
import { ALL_DATASETS_MASK, maskOf } from '@/lib/datasets/dataset-bits';
import { datasetMaskSqlText } from './dataset-mask-sql';

/** Narrowing of a weekly report: the same `group` / `region` / `source` values as the incident filter. */
export interface WeeklyFilter {
  group?: string[];
  region?: string[];
  /** Datasets (lib/datasets/dataset-bits.ts): an incident counts when any of its datasets is listed. */
  source?: string[];
}

export interface WhereFragment {
  sql: string;
  params: Record<string, bigint | string>;
}

/** The dataset bits a filter asks for; 0 when it asks for none or for all (no condition). */
function sourceMask(f: WeeklyFilter): number {
  const mask = f.source?.length ? maskOf(f.source) : 0;
  return mask === ALL_DATASETS_MASK ? 0 : mask;
}

/** Where the day figures come from: the rollup, or the same columns computed per incident. */
export interface StatsFragment extends WhereFragment {
  from: string;
}

const unattributed = (total: string, parts: string[]) => {
  const rest = `coalesce(${total}, 0) - ${parts.map((p) => `coalesce(${p}, 0)`).join(' - ')}`;
  return `CASE WHEN ${rest} > 0 THEN ${rest} ELSE 0 END`;
};

/**
 * incident_day_stats' columns per incident, for a dataset filter: the rollup has no dataset
 * dimension (an incident's datasets change on a merge), so a brief narrowed to datasets sums the
 * week's incidents instead (the day index bounds the read). Same sums as the rollup's triggers.
 */
function statsOfIncidents(mask: number): string {
  return `(SELECT occurred_day AS day, coalesce(region, 'none') AS region, group_id, event_type, 1 AS incidents,
      coalesce(killed, 0) AS killed, coalesce(injured, 0) AS injured,
      coalesce(killed_security, 0) AS killed_security, coalesce(killed_civilians, 0) AS killed_civilians,
      coalesce(killed_militants, 0) AS killed_militants,
      ${unattributed('killed', ['killed_security', 'killed_civilians', 'killed_militants'])} AS killed_unattributed,
      coalesce(injured_security, 0) AS injured_security, coalesce(injured_civilians, 0) AS injured_civilians,
      coalesce(injured_militants, 0) AS injured_militants,
      ${unattributed('injured', ['injured_security', 'injured_civilians', 'injured_militants'])} AS injured_unattributed,
      CASE WHEN time_precision > 1 THEN 1 ELSE 0 END AS imprecise, CASE WHEN cross_border THEN 1 ELSE 0 END AS cross_border,
      CASE WHEN claim_status = 'claimed' THEN 1 ELSE 0 END AS claimed, CASE WHEN dataset = 'demo' THEN 1 ELSE 0 END AS demo,
      CASE WHEN dataset = 'import' THEN 1 ELSE 0 END AS imported, CASE WHEN dataset = 'live' THEN 1 ELSE 0 END AS live
    FROM incidents WHERE occurred_day BETWEEN @fromDay AND @toDay AND (${datasetMaskSqlText()} & ${mask}) <> 0) AS incident_day_stats`;
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

/**
 * The same range and filter over the incident_day_stats rollup (its region is 'none' instead of
 * NULL); `from` is the table to read (the rollup, or its columns per incident for a dataset filter).
 */
export function statsWhere(fromDay: number, toDay: number, f: WeeklyFilter): StatsFragment {
  const mask = sourceMask(f);
  const w = filtered(['day BETWEEN @fromDay AND @toDay'], '', f, { fromDay: int(fromDay), toDay: int(toDay) }, false);
  return { ...w, from: mask ? statsOfIncidents(mask) : 'incident_day_stats' };
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
  // Over incidents (the rollup's stand-in applies it inside, statsOfIncidents). The mask is a whole
  // number built from lib/datasets, not request text.
  const mask = sourceMask(f);
  if (mask && nullRegion) parts.push(`(${datasetMaskSqlText(c)} & ${mask}) <> 0`);
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
