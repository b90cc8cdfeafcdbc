/**
 * One data layer over two engines (issue 19; "Store boundary" in docs/architecture.md). The
 * functions of db/queries and db/services are written once, async, against Drizzle's query
 * builder, and run on SQLite (better-sqlite3) or PostgreSQL (node-postgres) depending on the
 * Store they are given. Tables and columns have the same names on both (db/schema-pg is kept
 * equal to db/schema by a test), so one query built from the db/schema tables renders correctly
 * in either dialect: Drizzle's PostgreSQL builder accepts them, and each driver maps the values.
 *
 * What engine-neutral code writes:
 * - `const db = builder(store)`, then `await db.select()…`, `await db.insert()…`: awaiting a
 *   builder runs it on either engine. Never `.all()`, `.get()`, `.run()` or `.values()`
 *   (better-sqlite3's synchronous calls): take `[0]` of the awaited rows, and `affected(result)`
 *   for how many rows a write changed.
 * - `rows(store, sql\`…\`)` and `execute(store, sql\`…\`)` for SQL the builder cannot express,
 *   written in the SQL both engines share (or branched on `engineOf(store)`).
 * - every write inside `transact(store, async (tx) => …)`, passing `tx` (not `store`) to
 *   everything called inside it. See transact below for what each engine guarantees.
 * - results as SQLite gives them: integers are JS numbers on both (db/pg/connection.ts), but a
 *   boolean *expression* computed in raw SQL is 0/1 on SQLite and true/false on PostgreSQL.
 */
import type { SQL } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { Mutex } from 'async-mutex';
import type Database from 'better-sqlite3';
import * as schema from './schema';
import { sqlOf, type Db, type Store } from './connection';
import { outboxAppended } from './outbox-signal';
import { isPgStore, isPgTransaction, pgTransaction, type Isolation } from './pg/store';
import { batchedReadOf } from './pg/read-batch';

export type { Isolation } from './pg/store';

export type Engine = 'sqlite' | 'postgres';

/** The builder engine-neutral code writes against: typed as SQLite's, valid on both (see above). */
export type Sql = BetterSQLite3Database<typeof schema>;

export const engineOf = (store: Store): Engine => (isPgStore(store) ? 'postgres' : 'sqlite');

/** The query builder for `store` (a store or a transaction handle). */
export const builder = (store: Store): Sql => store as unknown as Sql;

/** Rows of a raw query (drizzle `sql` template: placeholders are rendered per dialect). */
export async function rows<T>(store: Store, query: SQL): Promise<T[]> {
  // A batching view (db/pg/read-batch.ts) sends the reads of one turn as one statement.
  const batched = batchedReadOf(store);
  if (batched) return (await batched(query)).rows as T[];
  if (isPgStore(store)) return (await (store as unknown as NodePgDatabase).execute(query)).rows as T[];
  return Promise.resolve(sqlOf(store).all<T>(query));
}

/** Runs a raw statement; answers the number of rows it changed. */
export async function execute(store: Store, query: SQL): Promise<number> {
  if (isPgStore(store)) return (await (store as unknown as NodePgDatabase).execute(query)).rowCount ?? 0;
  return Promise.resolve(sqlOf(store).run(query).changes);
}

/** Rows changed by an awaited insert, update or delete (better-sqlite3's `changes`, pg's `rowCount`). */
export function affected(result: unknown): number {
  const r = result as { changes?: number; rowCount?: number | null };
  return r.changes ?? r.rowCount ?? 0;
}

// --- transactions ------------------------------------------------------------------------------

/** Per SQLite connection: the lock that orders this process's write transactions, and the handle given to their callbacks. */
interface SqliteWriter {
  lock: Mutex;
  tx: Db;
}

/**
 * Kept on the connection and the handle themselves under process-wide symbols, not in module-level
 * maps: Next.js bundles each route and instrumentation.ts into separate module graphs sharing one
 * connection (lib/registry.ts), and two copies of a lock would let two routes' transactions
 * interleave on it.
 */
const WRITER = Symbol.for('frontierWatch.sqliteWriter');
const TX_HANDLE = Symbol.for('frontierWatch.sqliteTxHandle');

const isSqliteTxHandle = (store: object): boolean => (store as { [TX_HANDLE]?: true })[TX_HANDLE] === true;

function sqliteWriter(db: Db): SqliteWriter {
  const client = db.$client as Database.Database & { [WRITER]?: SqliteWriter };
  let w = client[WRITER];
  if (!w) {
    // A second Drizzle object over the same connection: a distinct handle, so code can tell
    // "inside this process's open transaction" (nested calls run inline) from "outside it".
    const tx = drizzle(db.$client, { schema }) as Db;
    Object.defineProperty(tx, TX_HANDLE, { value: true, enumerable: false });
    w = { lock: new Mutex(), tx };
    Object.defineProperty(client, WRITER, { value: w, enumerable: false });
  }
  return w;
}

/** True for a handle given to a transaction's callback. */
export const inTransaction = (store: Store): boolean => isPgTransaction(store) || isSqliteTxHandle(store);

/**
 * Runs `fn` in one write transaction and commits once it resolves; a throw rolls everything back.
 * Live streams in this process are woken after the commit (the outbox may have grown); other
 * instances hear of it through the outbox (NOTIFY on PostgreSQL).
 *
 * - **SQLite**: `BEGIN IMMEDIATE` on the store's connection, so the file's write lock is taken at
 *   the start (another process waits up to busy_timeout, as before). better-sqlite3 is synchronous,
 *   so the callback's awaits yield only to promise callbacks, never to I/O; a per-connection
 *   mutex keeps this process's write transactions one after another, since they share the
 *   connection. A read issued by other code on the same connection while one runs sees its rows
 *   before they commit; writes never interleave.
 * - **PostgreSQL**: a transaction on one pooled connection at `isolation` (default READ
 *   COMMITTED), run again from the start after a serialization failure or deadlock: `fn` must do
 *   no I/O besides the transaction's own queries.
 *
 * Called with a transaction handle, `fn` runs inline in that transaction.
 */
export async function transact<T>(store: Store, fn: (tx: Store) => Promise<T>, opts: { isolation?: Isolation } = {}): Promise<T> {
  if (isPgStore(store)) {
    const nested = isPgTransaction(store);
    const result = await pgTransaction(store, fn, opts.isolation ?? 'read committed');
    if (!nested) outboxAppended();
    return result;
  }
  if (isSqliteTxHandle(store)) return fn(store);
  const db = sqlOf(store);
  const w = sqliteWriter(db);
  const result = await w.lock.runExclusive(async () => {
    db.$client.prepare('BEGIN IMMEDIATE').run();
    try {
      const value = await fn(w.tx);
      db.$client.prepare('COMMIT').run();
      return value;
    } catch (err) {
      if (db.$client.inTransaction) db.$client.prepare('ROLLBACK').run();
      throw err;
    }
  });
  outboxAppended();
  return result;
}

/**
 * Runs a synchronous SQLite body under the same per-connection lock as transact(), so code that
 * stays synchronous for speed (better-sqlite3 prepared statements, the import writer, group
 * commit) never starts while an async transaction of this process is open on the connection,
 * whose rows it would otherwise silently join.
 */
export async function withSqliteWriteLock<T>(store: Store, fn: (db: Db) => T): Promise<T> {
  if (isSqliteTxHandle(store)) return fn(sqlOf(store));
  const db = sqlOf(store);
  return sqliteWriter(db).lock.runExclusive(() => fn(db));
}
