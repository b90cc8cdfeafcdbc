import { sql, type SQL } from 'drizzle-orm';
import type { Store } from '@/db/connection';
import { rows as rowsOf } from '@/db/engine';
import { CONTENT_COLUMNS } from '@/db/row-batch';

/**
 * The SQL of the PostgreSQL import (db/services/import-writer-pg.ts): the staged batch's upsert and
 * the transaction's settings around it.
 */

/** Content columns as quoted identifiers (schema names: never user input). */
export const COLS = CONTENT_COLUMNS.map(([, c]) => `"${c.name}"`);
/** The temporary staging table a batch is COPY'd into. */
export const STAGING = 'import_rows';

/**
 * Writes the staged batch: existing rows are updated only where a content column differs (IS
 * DISTINCT FROM, so NULLs compare as values); absent ones are inserted in file order. RETURNING
 * names the rows written; the rest were unchanged. A file holds each (source, source_id) once
 * (validation refuses repeats), so batches never write the same row twice.
 *
 * Insert first, as the SQLite writer does: one probe of the unique index per staged row says
 * whether any of the batch is stored already. Usually none is (new data), and the batch goes in as
 * a plain INSERT (insertStatement). Only a batch with stored rows pays for the UPDATE as well
 * (upsertStatement), whose join the planner may run as a hash of the whole table: ~1.3 s of the
 * ~4 s a 20,000-row batch cost against 200,000 stored rows, for a batch where it updated nothing
 * (EXPLAIN ANALYZE, docs/benchmarks-history.md "PostgreSQL import, insert first").
 */
export async function upsertStaged(
  tx: Store,
  opts: { importBatchId: number; now: number },
): Promise<{ stored: boolean; written: { id: number; ord: number; inserted: boolean }[] }> {
  // OFFSET 0 keeps the EXISTS a per-row probe of incidents_source_uq: as a semi-join the planner may
  // hash the whole table for it instead, as it does for the UPDATE.
  const [{ stored }] = await rowsOf<{ stored: boolean }>(
    tx,
    sql`SELECT EXISTS (
      SELECT 1 FROM ${sql.raw(STAGING)} s
      WHERE EXISTS (SELECT 1 FROM incidents e WHERE e.source = s.source AND e.source_id = s.source_id OFFSET 0)
    ) AS stored`,
  );
  const written = await rowsOf<{ id: number; ord: number; inserted: boolean }>(tx, stored ? upsertStatement(opts) : insertStatement(opts));
  return { stored, written };
}

/**
 * Creates the staging table (dropped at commit). Its columns take their types from incidents, so
 * COPY parses values as the upsert will store them; search is the row's search document when Node
 * computed it (NULL: the database computes it). ord numbers a batch's rows from 1 in the order
 * COPY reads them (the file order: ids are handed out in it, as on SQLite), restarted for each
 * batch by truncateStaged; staged lines are then the same bytes as lines COPY'd straight into
 * incidents (COPY_INTO_INCIDENTS), which a batch falls back to staging when it meets a stored row.
 */
export async function createStaging(tx: Store): Promise<void> {
  await rowsOf(
    tx,
    sql.raw(`CREATE TEMPORARY TABLE ${STAGING} ON COMMIT DROP AS SELECT ${COLS.join(', ')}, search FROM incidents WITH NO DATA`),
  );
  await rowsOf(tx, sql.raw(`ALTER TABLE ${STAGING} ADD COLUMN ord integer GENERATED ALWAYS AS IDENTITY`));
}

/** COPY of a batch's lines (content columns, then search) into the staging table. */
export const COPY_INTO_STAGING = `COPY ${STAGING} (${COLS.join(', ')}, search) FROM STDIN`;

/** Empties the staging table for the next batch, its ord numbering from 1 again. */
export async function truncateStaged(tx: Store): Promise<void> {
  await rowsOf(tx, sql.raw(`TRUNCATE ${STAGING} RESTART IDENTITY`));
}

/**
 * COPY of a batch straight into incidents: each line is the staged line (content columns, then
 * search) after the columns an import sets itself, the id first (import-ids-pg.ts).
 */
export const COPY_INTO_INCIDENTS = `COPY incidents (id, dataset, import_batch_id, created_at, updated_at, ${COLS.join(', ')}, search) FROM STDIN`;

/** Whether `err` is a COPY or INSERT meeting a (source, source_id) already stored. */
export const isStoredKey = (err: unknown): boolean =>
  typeof err === 'object' &&
  err !== null &&
  (err as { code?: string }).code === '23505' &&
  (err as { constraint?: string }).constraint === 'incidents_source_uq';

type Batch = { importBatchId: number; now: number };

const cols = sql.raw(COLS.join(', '));
const changedFrom = (a: string, b: string) =>
  sql.raw(`(${COLS.map((c) => `${a}.${c}`).join(', ')}) IS DISTINCT FROM (${COLS.map((c) => `${b}.${c}`).join(', ')})`);

/**
 * The INSERT of both statements, over the staged rows that `where` keeps, in file order. A row
 * another instance inserted meanwhile meets ON CONFLICT and is updated where it differs; `xmax = 0`
 * tells whether a row was inserted or took that path.
 */
function insertRows({ importBatchId, now }: Batch, where: SQL): SQL {
  return sql`INSERT INTO incidents AS i (${cols}, search, dataset, import_batch_id, created_at, updated_at)
      SELECT ${cols}, search, 'import', ${importBatchId}::integer, ${now}::bigint, ${now}::bigint
      FROM ${sql.raw(STAGING)} s
      ${where}
      ORDER BY s.ord
      ON CONFLICT (source, source_id) DO UPDATE SET ${sql.raw(COLS.map((c) => `${c} = excluded.${c}`).join(', '))}, search = excluded.search, import_batch_id = excluded.import_batch_id, updated_at = excluded.updated_at
      WHERE ${changedFrom('i', 'excluded')}
      RETURNING i.id, i.source, i.source_id, (i.xmax = 0) AS inserted`;
}

/** A batch none of whose rows was stored when probed: every row is inserted. */
export function insertStatement(opts: Batch): SQL {
  return sql`WITH ins AS (${insertRows(opts, sql``)})
    SELECT ins.id, r.ord, ins.inserted FROM ins JOIN ${sql.raw(STAGING)} r USING (source, source_id)
    ORDER BY r.ord`;
}

/**
 * A batch with stored rows, in one statement: the stored ones are updated where they differ, the
 * absent ones inserted. Inserting only the absent rows, rather than one INSERT … ON CONFLICT DO
 * UPDATE over all, keeps unchanged rows from drawing ids off the sequence (a re-import of a million
 * rows would burn a million).
 */
export function upsertStatement(opts: Batch): SQL {
  const { importBatchId, now } = opts;
  return sql`WITH upd AS (
      UPDATE incidents AS i SET ${sql.raw(COLS.map((c) => `${c} = s.${c}`).join(', '))}, search = s.search, import_batch_id = ${importBatchId}::integer, updated_at = ${now}::bigint
      FROM ${sql.raw(STAGING)} s
      WHERE i.source = s.source AND i.source_id = s.source_id AND ${changedFrom('i', 's')}
      RETURNING i.id, s.ord, false AS inserted
    ),
    ins AS (${insertRows(opts, sql`WHERE NOT EXISTS (SELECT 1 FROM incidents e WHERE e.source = s.source AND e.source_id = s.source_id)`)})
    SELECT id, ord, inserted FROM upd
    UNION ALL
    SELECT ins.id, r.ord, ins.inserted FROM ins JOIN ${sql.raw(STAGING)} r USING (source, source_id)
    ORDER BY ord`;
}

/**
 * Settings for the upsert, this transaction only. The search index is a GIN index with `fastupdate`
 * (PostgreSQL's default): new entries go to a pending list, which the inserting session merges into
 * the index each time it outgrows gin_pending_list_limit (4 MB), with work_mem (4 MB) to sort them.
 * With 64 MB an import merges 16 times less often, each merge adding many more rows' ids to a word
 * at once: about 15% less CPU for the upsert of 200,000 rows (docs/benchmarks.md, PostgreSQL
 * import). The larger work_mem also serves the upsert's hash join and sort. JIT off: each batch's
 * upsert is estimated above jit_above_cost, so PostgreSQL (where built with LLVM) would compile its
 * expressions again for every batch, while its time goes to index and heap writes that JIT does
 * not speed up (docs/benchmarks-history.md, "PostgreSQL import overlapped").
 */
export async function bulkIndexing(tx: Store): Promise<void> {
  await rowsOf(
    tx,
    sql`SELECT set_config('work_mem', '64MB', true), set_config('gin_pending_list_limit', '64MB', true), set_config('jit', 'off', true)`,
  );
}

/**
 * Merges what the import left in the search index's pending list before COMMIT: left there, up to
 * 64 MB of entries would be read by every search until a later write (a POST, paying for the
 * merge with the default 4 MB) or autovacuum merged them. gin_clean_pending_list needs the index's
 * owner (the role that ran the migrations); a role without it leaves the merge to autovacuum.
 */
export async function cleanPendingList(tx: Store): Promise<void> {
  await rowsOf(
    tx,
    sql`SELECT gin_clean_pending_list(c.oid) FROM pg_class c
        WHERE c.oid = to_regclass('public.incidents_search_idx') AND pg_has_role(c.relowner, 'USAGE')`,
  );
}
