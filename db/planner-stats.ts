import { sql } from 'drizzle-orm';
import { sqlOf } from './connection';
import type { Store } from './store';
import { execute } from './engine';
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
 * PostgreSQL: autovacuum analyzes tables as they change; a database-wide ANALYZE after migrating
 * (and hourly) covers what it has not reached yet, such as a table that a bulk copy just filled.
 */
export async function refreshPlannerStats(store: Store): Promise<void> {
  if (isPgStore(store)) {
    await execute(store, sql`ANALYZE`);
    return;
  }
  sqlOf(store).$client.pragma('optimize=0x10002');
  return Promise.resolve();
}

/** How often a long-running server re-checks its statistics as live writes grow the tables. */
export const PLANNER_STATS_EVERY_MS = 60 * 60_000;
