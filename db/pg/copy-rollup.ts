import type Database from 'better-sqlite3';
import type pg from 'pg';
import { rollupPlan } from './copy-plan';
import { copyRows } from './copy-stream';

/**
 * db:copy does not copy incident_day_stats: the target's statement triggers build it from the
 * copied incidents. This checks, inside the copy's transaction, that they built exactly what the
 * source holds (one row per day, region, group and type, every count equal), so a copy never
 * commits a weekly brief that would differ from the one the SQLite installation showed. The
 * source's rows go into a temporary table and the two are compared by the server, so memory
 * stays flat however many days and groups there are.
 */

const SCRATCH = 'db_copy_source_day_stats';

/** Answers the number of rollup rows; throws, naming the first few differences, when they are not equal. */
export async function compareRollup(client: pg.PoolClient, sqlite: Database.Database): Promise<number> {
  const plan = rollupPlan();
  const list = plan.columns.map((c) => client.escapeIdentifier(c.name)).join(', ');
  await client.query(`CREATE TEMPORARY TABLE ${SCRATCH} (LIKE incident_day_stats) ON COMMIT DROP`);
  const sourceRows = await copyRows(client, sqlite, plan, SCRATCH);
  const { rows: problems } = await client.query<{ side: string; row: string }>(
    `(SELECT 'source only' AS side, row(${list})::text AS row FROM (SELECT ${list} FROM ${SCRATCH} EXCEPT ALL SELECT ${list} FROM incident_day_stats) s)
     UNION ALL
     (SELECT 'target only', row(${list})::text FROM (SELECT ${list} FROM incident_day_stats EXCEPT ALL SELECT ${list} FROM ${SCRATCH}) t)
     ORDER BY 2 LIMIT 6`,
  );
  await client.query(`DROP TABLE ${SCRATCH}`);
  if (problems.length > 0)
    throw new Error(
      `the day rollup built on PostgreSQL differs from the source's (${plan.columns.map((c) => c.name).join(', ')}): ${problems.map((p) => `${p.side} ${p.row}`).join('; ')}`,
    );
  return sourceRows;
}
