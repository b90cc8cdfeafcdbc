import type Database from 'better-sqlite3';
import { sqlOf, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { engineOf, inTransaction } from '@/db/engine';
import { storeFile } from '@/db/store';
import { cachedStatement } from '@/db/statement-cache';
import { DEMO, CROSS_BORDER, MAX_SOURCES, NONE, claimFlags, type IndexRow } from '@/lib/incident-index/columns';
import { IncidentIndex } from '@/lib/incident-index/incident-index';
import { compileFilter, type CompiledFilter, type TextMatches } from '@/lib/incident-index/compile';
import type { ViewFilter } from '@/lib/filters/schema';
import { toFtsQuery } from '@/lib/validation/fts';
import { processSingleton } from '@/lib/registry';
import { Mutex } from 'async-mutex';
import { decodeChangedIds } from '@/db/changed-ids';
import { datasetMaskSqlText } from './dataset-mask-sql';
import { catchUpPg, loadPgIndex, pgIndexIsCurrent, pgTextIds } from './incident-index-pg';
import { memoryTextMatches } from './incident-text-match';

/** Past this many outbox rows to catch up on, a full reload is cheaper than row-by-row. */
const MAX_CATCH_UP = 20_000;
const ID_CHUNK = 500;

// The dataset bits as datasetMaskSql computes them, rendered once for the raw statements below.
const DATASETS_SQL = datasetMaskSqlText();
const COLUMNS = `id, occurred_at, occurred_day, group_id, region, event_type, sub_event_type, killed, injured, lat, lon, dataset = 'demo', cross_border, source_count, claim_status, ${DATASETS_SQL}`;
type RawRow = [
  number,
  number,
  number,
  string,
  string | null,
  string,
  string,
  number | null,
  number | null,
  number,
  number,
  number,
  number,
  number,
  string,
  number,
];

const toIndexRow = (r: RawRow): IndexRow => ({
  id: r[0],
  at: r[1],
  day: r[2],
  group: r[3],
  region: r[4],
  type: r[5],
  sub: r[6],
  killed: r[7],
  injured: r[8],
  lat: r[9],
  lon: r[10],
  demo: r[11] === 1,
  crossBorder: r[12] === 1,
  sourceCount: r[13],
  claimStatus: r[14],
  datasets: r[15],
});

/** Reads the whole table (a fresh index, not cached). */
export async function loadIncidentIndex(store: Store): Promise<IncidentIndex> {
  return engineOf(store) === 'postgres' ? loadPgIndex(store) : Promise.resolve(loadSqliteIndex(sqlOf(store)));
}

/** SQLite: the whole table in rowid order (sequential pages), sorted in memory. */
function loadSqliteIndex(db: Db): IncidentIndex {
  return readSnapshot(db, () => {
    const seq = sqliteHead(db);
    const n = cachedStatement(db, 'SELECT count(*) FROM incidents').pluck().get() as number;
    return IncidentIndex.bulk(n, seq, (c, combos) => {
      let i = 0;
      for (const r of cachedStatement(db, `SELECT ${COLUMNS} FROM incidents`).raw().iterate() as IterableIterator<RawRow>) {
        if (i >= n) break;
        c.id[i] = r[0];
        c.at[i] = r[1];
        c.day[i] = r[2];
        c.combo[i] = combos.code(r[3], r[4], r[5], r[6], r[15]);
        c.killed[i] = r[7] ?? NONE;
        c.injured[i] = r[8] ?? NONE;
        c.lat[i] = r[9];
        c.lon[i] = r[10];
        c.flags[i] = (r[11] === 1 ? DEMO : 0) | (r[12] === 1 ? CROSS_BORDER : 0) | claimFlags(r[14]);
        c.sources[i] = Math.min(r[13], MAX_SOURCES);
        i++;
      }
    });
  });
}

/** The newest outbox seq (SQLite: one writer at a time, so every lower seq is committed too). */
const sqliteHead = (db: Db): number => cachedStatement(db, 'SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number;

/** Runs `fn` in one read transaction (one snapshot), or inside the caller's transaction. */
function readSnapshot<T>(db: Db, fn: () => T): T {
  const client: Database.Database = db.$client;
  return client.inTransaction ? fn() : client.transaction(fn).deferred();
}

/**
 * Brings the index up to the newest outbox row: the incidents an event names are re-read (the
 * current row, or gone); an `import` event names every row of its batch.
 */
function catchUp(db: Db, index: IncidentIndex): IncidentIndex {
  return readSnapshot(db, () => {
    const head = sqliteHead(db);
    if (head === index.seq) return index;
    // Only incident and import rows change the index. Alert rows are most of the outbox (a POST
    // that fires 17 rules appends 18 rows): counting them, a few thousand posts nobody watched
    // turned the next read into a full reload of the index instead of a short catch-up.
    const rows = cachedStatement(
      db,
      "SELECT type, ref_id, action FROM events WHERE seq > ? AND seq <= ? AND type IN ('incident', 'import') ORDER BY seq LIMIT ?",
    )
      .raw()
      .all(index.seq, head, MAX_CATCH_UP + 1) as [string, number, string][];
    if (rows.length > MAX_CATCH_UP) return loadSqliteIndex(db);
    const touched = new Set<number>();
    for (const [type, ref] of rows) {
      if (type === 'incident') touched.add(ref);
      else if (type === 'import') {
        // One outbox row for a large import: its ledger says how many rows it wrote and, up to
        // IMPORT_CHANGED_IDS_MAX, which (else, for batches from before that column, a table scan).
        const batch = cachedStatement(db, 'SELECT inserted + updated AS written, changed_ids AS ids FROM import_batches WHERE id = ?').get(
          ref,
        ) as { written: number; ids: Buffer | null } | undefined;
        if ((batch?.written ?? 0) + touched.size > MAX_CATCH_UP) return loadSqliteIndex(db);
        const ids = batch?.ids
          ? decodeChangedIds(batch.ids)
          : (cachedStatement(db, 'SELECT id FROM incidents WHERE import_batch_id = ?').pluck().all(ref) as number[]);
        for (const id of ids) touched.add(id);
      }
    }
    const ids = [...touched];
    const found: IndexRow[] = [];
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const chunk = ids.slice(i, i + ID_CHUNK);
      const sql = `SELECT ${COLUMNS} FROM incidents WHERE id IN (${chunk.map(() => '?').join(',')})`;
      for (const r of cachedStatement(db, sql)
        .raw()
        .all(...chunk) as RawRow[])
        found.push(toIndexRow(r));
    }
    const present = new Set(found.map((r) => r.id));
    index.remove(ids.filter((id) => !present.has(id)));
    index.upsert(found);
    index.seq = head;
    return index;
  });
}

/**
 * What the caches below are keyed by. SQLite: the connection (a restored file keeps its path but
 * not its connection). PostgreSQL: the database, by storeFile(), so the pool and every instance of
 * this module share one index; a transaction handle gets none (it may see its own uncommitted rows).
 */
const pgKeys = processSingleton('incidentIndexPgKeys', () => new Map<string, object>());
function cacheKey(store: Store): object | null {
  if (engineOf(store) === 'sqlite') return sqlOf(store).$client;
  if (inTransaction(store)) return null;
  const file = storeFile(store);
  let key = pgKeys.get(file);
  if (!key) pgKeys.set(file, (key = { file }));
  return key;
}

// Shared by every route bundle and instrumentation (which builds it at start).
const indexes = processSingleton('incidentIndexes', () => new WeakMap<object, IncidentIndex>());
/** PostgreSQL: one catch-up at a time per database, so an older snapshot never overwrites a newer one. */
const refreshLocks = processSingleton('incidentIndexLocks', () => new WeakMap<object, Mutex>());

/**
 * The store's incident index, current as of the newest committed outbox row: every writer (API,
 * CLI import, other processes or instances) appends to `events` in its transaction, so one
 * indexed `max(seq)` per call tells whether anything changed.
 */
export async function incidentIndex(store: Store): Promise<IncidentIndex> {
  if (engineOf(store) === 'sqlite') return Promise.resolve(sqliteIndex(sqlOf(store)));
  const key = cacheKey(store);
  if (!key) return loadPgIndex(store);
  // Nothing new (most reads): no transaction and no wait for the lock. An index already at or past
  // the settled head read here holds every write that finished before this call.
  const current = indexes.get(key);
  if (current && (await pgIndexIsCurrent(store, current)) && indexes.get(key) === current) return current;
  let lock = refreshLocks.get(key);
  if (!lock) refreshLocks.set(key, (lock = new Mutex()));
  return lock.runExclusive(async () => {
    const cached = indexes.get(key);
    const next = (cached && (await catchUpPg(store, cached, MAX_CATCH_UP))) ?? (await loadPgIndex(store));
    indexes.set(key, next);
    return next;
  });
}

function sqliteIndex(db: Db): IncidentIndex {
  const cached = indexes.get(db.$client);
  // Inside a write transaction the outbox may hold rows that roll back: never cache that view.
  if (db.$client.inTransaction) return cached && sqliteHead(db) === cached.seq ? cached : loadSqliteIndex(db);
  const next = cached ? catchUp(db, cached) : loadSqliteIndex(db);
  indexes.set(db.$client, next);
  return next;
}

/** The index and the filter compiled against it (the text query resolved through the search index). */
export async function indexedFilter(store: Store, filter: ViewFilter): Promise<{ index: IncidentIndex; f: CompiledFilter }> {
  const index = await incidentIndex(store);
  return { index, f: compileFilter(filter, index.combos, filter.q ? await textMatches(store, filter.q, index, filter) : null) };
}

const textCaches = processSingleton('incidentTextCaches', () => new WeakMap<object, Map<string, { seq: number; text: TextMatches }>>());
const TEXT_CACHE_SIZE = 16;

/**
 * Ids matching a free-text query (FTS5 on SQLite; on PostgreSQL the in-memory word index,
 * incident-text-pg.ts, else the GIN search), or null when it has no searchable word. A dashboard
 * asks for list, facets, timeline and map with the same `q` at once, and pans keep it: the answer
 * is kept per query until the index moves to a newer outbox seq.
 *
 * The GIN search reads the heap row of every match (GIN has no index-only scan): a common word at
 * 1M incidents is ~60,000 rows, 0.4–1 s on the loaded 2-core machine, and the first search of a
 * word reads cold pages. The word index answers without the database; the GIN search remains for
 * what only it can answer (incident-text-match.ts), narrowed to the filter's time window (`window`:
 * the same from/to the compiled filter applies in memory, so the answer is unchanged), which
 * PostgreSQL serves as a BitmapAnd with the day index. Its answers are cached per query and window.
 */
export async function textMatches(
  store: Store,
  q: string,
  index: IncidentIndex,
  window: Pick<ViewFilter, 'from' | 'to'> = {},
): Promise<TextMatches | null> {
  if (engineOf(store) === 'postgres') {
    const memory = await memoryTextMatches(store, q, index);
    if (memory !== undefined) return memory;
  }
  const match = toFtsQuery(q);
  if (!match) return null;
  const sqlite = engineOf(store) === 'sqlite';
  const key = cacheKey(store);
  let cache = key && textCaches.get(key);
  if (key && !cache) textCaches.set(key, (cache = new Map<string, { seq: number; text: TextMatches }>()));
  const entry = sqlite ? match : `${match}\u0000${window.from ?? ''}\u0000${window.to ?? ''}`;
  const hit = cache?.get(entry);
  if (hit && hit.seq === index.seq) return hit.text;
  const seq = index.seq;
  const ids = sqlite
    ? (cachedStatement(sqlOf(store), 'SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ?').pluck().all(match) as number[])
    : ((await pgTextIds(store, q, window)) ?? []);
  const text = { ids, maxId: index.maxId };
  // An uncommitted seq may be reused after a rollback; on PostgreSQL the index may have moved on
  // while the query ran.
  if (!cache || (sqlite && sqlOf(store).$client.inTransaction) || index.seq !== seq) return text;
  cache.delete(entry);
  cache.set(entry, { seq, text });
  if (cache.size > TEXT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return text;
}
