import type Database from 'better-sqlite3';
import type pg from 'pg';
import { migrateDatabase } from '../migrate';
import { refreshPlannerStats } from '../planner-stats';
import type { Store } from '../store';
import { PgConnectError } from '../pg/connection';
import { copyPlan, DERIVED_TABLES, REFERENCE_TABLES, type CopyTable } from '../pg/copy-plan';
import { compareRollup } from '../pg/copy-rollup';
import { copyRows } from '../pg/copy-stream';
import {
  checkSourceTables,
  checkSourceVersion,
  closeSource,
  CopyRefusedError,
  openSource,
  sourceCount,
  sourceTimeZone,
} from '../pg/copy-source';
import { pgOf, pgStoreUrl } from '../pg/store';

/**
 * `npm run db:copy`: a SQLite installation moved into a PostgreSQL database (docs/scale-out.md,
 * "Moving from SQLite"). Every table of db/schema-pg, ids kept, streamed with COPY so memory stays
 * flat however many incidents there are, in ONE transaction: the target is either the whole copy,
 * checked, or what it was before. The day rollup is rebuilt by the target's own triggers and must
 * equal the source's; the search index is an expression index, so it follows the rows.
 */

export { CopyRefusedError } from '../pg/copy-source';

export interface TableCopied {
  table: string;
  /** Rows in the source's snapshot. */
  source: number;
  /** Rows in the target after the copy (checked equal to `source`). */
  target: number;
  ms: number;
}

export interface CopyReport {
  tables: TableCopied[];
  /** Rows of incident_day_stats the target's triggers built, equal to the source's. */
  rollupRows: number;
  ms: number;
}

export interface CopyOptions {
  /** The SQLite file (checked to exist by the caller). */
  from: string;
  /** The PostgreSQL store to fill (openStore(url)); migrated here first. */
  to: Store;
  /** Empty a non-empty target (in the copy's transaction) instead of refusing it. */
  force: boolean;
  /** Told after each table, for progress output. */
  onTable?: (t: TableCopied) => void;
}

export async function copySqliteToPostgres(opts: CopyOptions): Promise<CopyReport> {
  const started = Date.now();
  const sqlite = openSource(opts.from);
  try {
    checkSourceVersion(sqlite, opts.from);
    checkSourceTables(sqlite, opts.from);
    const pool = pgOf(opts.to).$client;
    // The target's own zone if it has one, so migrating rewrites none of its rows (it may be refused below).
    const zone = (await targetTimeZone(pool, opts.to)) ?? sourceTimeZone(sqlite) ?? 'Asia/Karachi';
    await migrateDatabase(opts.to, { reportTimeZone: zone });
    const client = await pool.connect();
    let report: Omit<CopyReport, 'ms'>;
    try {
      report = await copyInTransaction(client, sqlite, opts);
      client.release();
    } catch (err) {
      // A COPY cut short can leave the connection mid-protocol: close it rather than pool it.
      client.release(true);
      throw err;
    }
    await refreshPlannerStats(opts.to);
    return { ...report, ms: Date.now() - started };
  } finally {
    closeSource(sqlite);
  }
}

/** The target's recorded report zone, if it has been migrated; the first round trip, so an unreachable server is named here. */
async function targetTimeZone(pool: pg.Pool, store: Store): Promise<string | undefined> {
  let migrated: boolean;
  try {
    const { rows } = await pool.query<{ migrated: boolean }>("SELECT to_regclass('public.meta') IS NOT NULL AS migrated");
    migrated = rows[0].migrated;
  } catch (err) {
    throw new PgConnectError(pgStoreUrl(store), err);
  }
  if (!migrated) return undefined;
  const { rows } = await pool.query<{ value: string }>("SELECT value FROM meta WHERE key = 'report_time_zone'");
  return rows[0]?.value;
}

async function copyInTransaction(client: pg.PoolClient, sqlite: Database.Database, opts: CopyOptions): Promise<Omit<CopyReport, 'ms'>> {
  const plan = copyPlan();
  const id = (name: string) => client.escapeIdentifier(name);
  const every = [...plan.map((t) => t.name), ...DERIVED_TABLES].map(id).join(', ');
  await client.query('BEGIN');
  try {
    // Nobody else reads or writes these tables until COMMIT: the emptiness check holds for the whole copy.
    await client.query(`LOCK TABLE ${every} IN ACCESS EXCLUSIVE MODE`);
    // For the index builds after each table (copyTable); this transaction only.
    await client.query("SET LOCAL maintenance_work_mem = '256MB'");
    const content = plan.filter((t) => !REFERENCE_TABLES.includes(t.name));
    const { rows: filled } = await client.query<{ name: string }>(
      content.map((t) => `SELECT ${client.escapeLiteral(t.name)} AS name WHERE EXISTS (SELECT 1 FROM ${id(t.name)})`).join(' UNION ALL '),
    );
    if (filled.length > 0 && !opts.force)
      throw new CopyRefusedError(
        `the target database is not empty (rows in ${filled.map((r) => r.name).join(', ')}); pass --force to replace its content`,
      );
    // Reference rows (regions, groups, meta) are replaced by the source's too, which may have more.
    await client.query(`TRUNCATE ${every} RESTART IDENTITY`);
    const tables: TableCopied[] = [];
    for (const table of plan) {
      const t0 = Date.now();
      const source = sourceCount(sqlite, table.name);
      const sent = await copyTable(client, sqlite, table);
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${id(table.name)}`);
      const target = rows[0].n;
      if (sent !== source || target !== source)
        throw new Error(`${table.name}: ${source} rows in the source, ${sent} sent, ${target} in the target`);
      const copied = { table: table.name, source, target, ms: Date.now() - t0 };
      tables.push(copied);
      opts.onTable?.(copied);
    }
    for (const table of plan) if (table.identity) await moveSequence(client, table.name, table.identity);
    const rollupRows = await compareRollup(client, sqlite);
    await client.query('COMMIT');
    return { tables, rollupRows };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/**
 * Streams one table's rows into COPY; answers the rows the server took. The table's secondary
 * indexes are dropped first and built again after (same definitions, same transaction): one bulk
 * build is several times faster than updating them row by row, the GIN search index above all.
 * Indexes that back a constraint (primary keys, UNIQUE constraints) stay.
 */
async function copyTable(client: pg.PoolClient, sqlite: Database.Database, table: CopyTable): Promise<number> {
  const id = (name: string) => client.escapeIdentifier(name);
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
      WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [id(table.name)],
  );
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
  let sent: number;
  try {
    sent = await copyRows(client, sqlite, table, table.name);
  } catch (err) {
    // PostgreSQL says which line of the COPY it refused in `where`; the message alone does not name the table.
    const where = (err as { where?: unknown }).where;
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`copying ${table.name}: ${message}${typeof where === 'string' ? ` (${where})` : ''}`, { cause: err });
  }
  for (const index of indexes) await client.query(index.def);
  return sent;
}

/** Moves an identity's sequence past the copied ids, so the next row numbers itself without a collision. */
async function moveSequence(client: pg.PoolClient, table: string, column: string): Promise<void> {
  await client.query(
    `SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(${client.escapeIdentifier(column)}), 0) + 1, false) FROM ${client.escapeIdentifier(table)}`,
    [client.escapeIdentifier(table), column],
  );
}
