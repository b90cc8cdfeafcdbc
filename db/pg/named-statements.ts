import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type pg from 'pg';
import { processSingleton } from '@/lib/registry';
import { holdStatement } from './deferred-utility';
import type { Store } from '../connection';

/**
 * Named (server-side prepared) statements for the hot write path: each POST's insert and its
 * batched alert reads (read-batch.ts). Sent unnamed, PostgreSQL parses, analyses and plans every
 * one of them on every call (~1 ms of a POST's ~3.3 ms of backend CPU at 1M, measured with
 * pg_stat_statements); a statement prepared once per connection is only bound and run, and after
 * five runs PostgreSQL keeps a generic plan where that plan is estimated no dearer than a fresh
 * one. node-postgres prepares a named statement on a connection the first time it meets the name
 * there (and only once its Parse succeeded).
 *
 * Opt-in, not for every query: a generic plan of a list or map read over skewed filters could be
 * far worse than its custom plan. The text's hash is its name; a text gets one only once it has
 * been seen REPEAT times (a one-off batch shape never occupies a slot), and at most MAX_NAMED texts
 * per process do, so the statements kept per server connection stay bounded. Not through a pooler
 * in transaction mode that drops prepared statements (PgBouncer before 1.21): see docs/scale-out.md.
 */
const REPEAT = 3;
const MAX_NAMED = 200;
/** Texts counted before the count starts again (a bound on memory). */
const MAX_COUNTED = 5_000;

interface Names {
  counts: Map<string, number>;
  named: Map<string, string>;
}

const names = processSingleton<Names>('pgStatementNames', () => ({ counts: new Map(), named: new Map() }));

/** The statement name for `text`, or undefined while it stays unnamed. */
export function statementName(text: string): string | undefined {
  const known = names.named.get(text);
  if (known !== undefined || names.named.size >= MAX_NAMED) return known;
  const seen = (names.counts.get(text) ?? 0) + 1;
  if (seen < REPEAT) {
    if (names.counts.size >= MAX_COUNTED) names.counts.clear();
    names.counts.set(text, seen);
    return undefined;
  }
  names.counts.delete(text);
  const name = `fw_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
  names.named.set(text, name);
  return name;
}

/** What a Drizzle PostgreSQL database or transaction handle holds (node-postgres session, SQL dialect). */
interface PgTxInternals {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: { client: pg.ClientBase };
}

/**
 * Runs `query` on a PostgreSQL store or transaction handle (transact()'s `tx`) as a named
 * statement once its text is a repeat (see above); rows come back as Drizzle's raw execute()
 * gives them. A pool store prepares it on whichever connection serves the call.
 */
export async function executePrepared(tx: Store, query: SQL): Promise<{ rows: unknown[]; rowCount: number | null }> {
  const { sql: text, params } = (tx as unknown as PgTxInternals).dialect.sqlToQuery(query);
  return executeNamed(tx, text, params);
}

/**
 * executePrepared for a statement whose text the caller holds already (built once, not per call
 * by the query builder): `$n` placeholders, values as node-postgres takes them.
 */
export async function executeNamed(tx: Store, text: string, values: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }> {
  const result = await (tx as unknown as PgTxInternals).session.client.query({ name: statementName(text), text, values });
  return { rows: result.rows, rowCount: result.rowCount };
}

/**
 * executeNamed, but the statement is held to go out in front of the transaction's next query
 * (./deferred-utility.ts, holdStatement: no round trip of its own); the promise settles when that
 * query's answer is in, or at the end of this turn of the event loop if no query came. Sent as a
 * query of its own where it cannot be held (a pool store).
 */
export function executeHeld(tx: Store, text: string, values: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }> {
  const client = (tx as unknown as PgTxInternals).session.client;
  const name = statementName(text);
  // The name is drawn once (statementName counts each call): the fallback does not go through executeNamed.
  const result = holdStatement(client, text, values, { name, wait: true }) ?? client.query({ name, text, values });
  return result.then((r) => ({ rows: r.rows, rowCount: r.rowCount }));
}

/** executeHeld of a query built with Drizzle's `sql`. */
export function executeHeldSql(tx: Store, query: SQL): Promise<{ rows: unknown[]; rowCount: number | null }> {
  const { sql: text, params } = (tx as unknown as PgTxInternals).dialect.sqlToQuery(query);
  return executeHeld(tx, text, params);
}

/**
 * A write held until the transaction's next query, whatever it is (./deferred-utility.ts): its
 * failure fails that query and so the transaction. False when `tx` cannot hold statements (a pool store).
 * Named once repeated, like the rest of the write path (parsed by the first flight that carries it).
 */
export function holdWrite(tx: Store, query: SQL): boolean {
  const internals = tx as unknown as PgTxInternals;
  const { sql: text, params } = internals.dialect.sqlToQuery(query);
  return holdStatement(internals.session.client, text, params, { name: statementName(text), wait: false }) !== null;
}

/**
 * Plans the rest of the transaction's statements once per connection (`SET LOCAL plan_cache_mode =
 * force_generic_plan`), sent with its next statement (deferred-utility.ts: no round trip). With
 * the default mode PostgreSQL keeps re-planning a named statement whenever its generic plan is
 * estimated dearer than the average custom one, and it judged so for the POST's batched alert
 * reads: each was planned on every call (~0.9 ms of planning for ~0.25 ms of execution per POST,
 * pg_stat_statements at 1M, 200 rules). Those reads are index range scans with a LIMIT whose
 * generic plans ran no slower. Only for transactions of the write path (writeIncident): a generic
 * plan of a list or map read over skewed filters could be far worse than its custom plan, so reads
 * outside them keep the default.
 */
export async function preferGenericPlans(tx: Store): Promise<void> {
  await (tx as unknown as PgTxInternals).session.client.query('SET LOCAL plan_cache_mode = force_generic_plan');
}
