import { sql } from 'drizzle-orm';
import { sqlOf } from './connection';
import type { Store } from './store';
import { execute, rows } from './engine';
import { isPgStore } from './pg/store';

/**
 * Refreshes the query planner's statistics of every table whose row count has outgrown (or shrunk
 * below) what was recorded.
 *
 * SQLite: `optimize=0x10002` (0x02 runs ANALYZE where it would help, 0x10000 checks all tables
 * rather than only those this connection has queried, with SQLite's own row limit so it stays
 * cheap: a few milliseconds when something is stale, next to nothing when nothing is). This covers
 * the FTS5 shadow tables too, which a plain `PRAGMA optimize` never looks at because no statement
 * of ours names them. That matters: a fresh database records incidents_fts_data at its 2 initial
 * rows, and with that estimate FTS5's own segment-merge queries scan the whole index, and a
 * regular share of single-row writes stalled on reads of the whole FTS index; see
 * docs/benchmarks.md.
 *
 * PostgreSQL: autovacuum analyzes tables as they change. `all` (after a bulk copy, after a
 * migration ran, and hourly) runs a database-wide ANALYZE, which covers what autovacuum has not
 * reached yet, such as a table a bulk copy just filled. `stale` (every start-up) analyzes only
 * the tables that need it: a database-wide ANALYZE of 1M incidents took 11 s on the loaded 2-core
 * machine, run twice per start (scripts/serve.ts and instrumentation both migrate), before the
 * server answered anything; see docs/scale-out.md, "Capacity".
 */
export async function refreshPlannerStats(store: Store, scope: 'all' | 'stale' = 'all'): Promise<void> {
  if (isPgStore(store)) {
    if (scope === 'all') await execute(store, sql`ANALYZE`);
    else {
      const tables = await pgStaleTables(store);
      // Names come from the catalog, quoted by format('%I'): never user input.
      if (tables.length) await execute(store, sql.raw(`ANALYZE ${tables.join(', ')}`));
    }
    return;
  }
  sqlOf(store).$client.pragma('optimize=0x10002');
  return Promise.resolve();
}

/**
 * PostgreSQL: this schema's tables never analyzed (reltuples -1: no statistics at all), or changed
 * since their last ANALYZE by more than autovacuum's own default threshold (50 rows + 10%), quoted
 * for use as identifiers. A database made from a template keeps the template's statistics and
 * reltuples, so a copy of an analyzed database has none.
 */
export async function pgStaleTables(store: Store): Promise<string[]> {
  const found = await rows<{ name: string }>(
    store,
    sql`SELECT format('%I', c.relname) AS name
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
          AND (c.reltuples < 0 OR coalesce(s.n_mod_since_analyze, 0) > 50 + 0.1 * c.reltuples)
        ORDER BY c.relname`,
  );
  return found.map((r) => r.name);
}

/** How often a long-running server re-checks its statistics as live writes grow the tables. */
export const PLANNER_STATS_EVERY_MS = 60 * 60_000;
