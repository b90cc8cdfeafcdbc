import type Database from 'better-sqlite3';
import type pg from 'pg';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { incidentDayStats } from '../schema-pg';

/**
 * db:copy does not copy incident_day_stats: the target's statement triggers build it from the
 * copied incidents. This checks, inside the copy's transaction, that they built exactly what the
 * source holds (one row per day, region, group and type, every count equal), so a copy never
 * commits a weekly brief that would differ from the one the SQLite installation showed.
 */

const KEY = ['day', 'region', 'group_id', 'event_type'];

/** Answers the number of rollup rows; throws, naming the first few differences, when they are not equal. */
export async function compareRollup(client: pg.PoolClient, sqlite: Database.Database): Promise<number> {
  const columns = getTableConfig(incidentDayStats).columns.map((c) => c.name);
  const list = columns.map((c) => client.escapeIdentifier(c)).join(', ');
  const { rows: target } = await client.query<unknown[]>({ text: `SELECT ${list} FROM incident_day_stats`, rowMode: 'array' });
  const keyOf = (row: unknown[]) => JSON.stringify(row.slice(0, KEY.length));
  const counts = new Map<string, string>();
  for (const row of target) counts.set(keyOf(row), JSON.stringify(row.slice(KEY.length)));
  const problems: string[] = [];
  let sourceRows = 0;
  const rows = sqlite.prepare(`SELECT ${list} FROM incident_day_stats`).raw(true).iterate() as IterableIterator<unknown[]>;
  for (const row of rows) {
    sourceRows++;
    const key = keyOf(row);
    const want = JSON.stringify(row.slice(KEY.length));
    const got = counts.get(key);
    counts.delete(key);
    if (got !== want) problems.push(`${key}: source ${want}, target ${got ?? 'missing'}`);
  }
  for (const [key, got] of counts) problems.push(`${key}: source missing, target ${got}`);
  if (problems.length > 0)
    throw new Error(
      `the day rollup built on PostgreSQL differs from the source's in ${problems.length} rows (${columns.join(', ')}): ${problems.slice(0, 3).join('; ')}`,
    );
  return sourceRows;
}
