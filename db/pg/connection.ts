import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { checkPostgresUrl, redactPostgresUrl, type PostgresTarget } from '@/lib/postgres-url';
import { diagnostics } from '@/lib/diagnostics';
import { clearDeferred, deferUtilityStatements } from './deferred-utility';

/**
 * PostgreSQL connections (issue 19, docs/scale-out.md). db-internal like db/connection.ts: code
 * above db/ holds a Store (db/pg/store.ts). No `server-only` import: the CLI commands open stores too.
 */
export type PgDb = NodePgDatabase & { $client: pg.Pool };

/**
 * Integer types read as JS numbers, as SQLite returns them: `bigint` (epoch-ms instants, the
 * outbox's seq, `count(*)`, `sum(integer)`) and `numeric` (`sum(bigint)`, `avg`). node-postgres
 * returns both as strings because they may exceed 2^53; ours never do (ms until the year 287,396,
 * counts of rows). Set on the driver's global table: Drizzle passes its own per-query parser
 * lookup, which falls back to that table, so a pool-level setting would not reach its queries.
 */
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v: string) => Number(v));

export interface PgOptions {
  /** `postgres://user:password@host:port/database` (DATABASE_URL), checked by lib/postgres-url.ts. */
  url: string;
  /** Connections this process opens at most (DATABASE_POOL_MAX). */
  poolMax: number;
  /** Shown in pg_stat_activity, so an operator can tell the instances and the CLI apart. */
  applicationName?: string;
}

/** Waiting longer for a connection than this is an outage to report, not a request to hold open. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Idle connections are closed, so N instances do not pin N × poolMax server processes at rest. */
const IDLE_TIMEOUT_MS = 30_000;

/** A connection failure with a message that names the target, never the password. */
export class PgConnectError extends Error {
  constructor(
    readonly target: string,
    cause: unknown,
  ) {
    super(`PostgreSQL at ${target}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause: plainPgError(cause) });
    this.name = 'PgConnectError';
  }
}

/**
 * Opens a pool (no connection is made until the first query; see connectPostgres). The URL is
 * checked first, so a bad one fails here with the reason rather than as a driver error later.
 */
export function openPostgres(options: PgOptions): PgDb {
  const checked = checkPostgresUrl(options.url);
  if (!checked.ok) throw new Error(`PostgreSQL URL ${redactPostgresUrl(options.url)} ${checked.problem}`);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: IDLE_TIMEOUT_MS,
    application_name: options.applicationName ?? 'frontier-watch',
  });
  // An idle connection that the server drops (restart, failover) is reported on the pool; without
  // a listener Node treats it as an uncaught error and the process dies. The next query reconnects.
  // BEGIN, SAVEPOINT and RELEASE go out with the statement after them (./deferred-utility.ts).
  pool.on('connect', deferUtilityStatements);
  pool.on('release', (_err: Error | undefined, client: pg.PoolClient) => clearDeferred(client));
  pool.on('error', (err) =>
    diagnostics().warn({ err: plainPgError(err), target: describeTarget(checked.target) }, 'PostgreSQL connection lost'),
  );
  return drizzle({ client: pool });
}

/** Opens a pool and proves it with one round trip, so start-up fails early and clearly. */
export async function connectPostgres(options: PgOptions): Promise<PgDb> {
  const db = openPostgres(options);
  try {
    await db.$client.query('SELECT 1');
  } catch (err) {
    await db.$client.end().catch(() => undefined);
    throw new PgConnectError(redactPostgresUrl(options.url), err);
  }
  return db;
}

/** Waits for the queries in flight, then closes every connection of the pool. */
export async function closePostgres(db: PgDb): Promise<void> {
  if (!db.$client.ended) await db.$client.end();
}

/**
 * The SQLSTATE of a PostgreSQL error (`23505` unique violation, `40001` serialization failure,
 * `57P01` server shutting down…), looked up through the cause chain: Drizzle wraps the driver's
 * error in its own, which names the failed query but not the code.
 */
export function pgErrorCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * The driver's error as it may be logged or kept: its message and SQLSTATE only. pg-pool attaches
 * the whole client (socket, queues, connection parameters) to the errors it emits, and a logger's
 * error serializer copies every field: pg keeps the password non-enumerable today, but a log line
 * should not depend on that, nor carry kilobytes of driver state.
 */
export function plainPgError(err: unknown): Error {
  const plain = new Error(err instanceof Error ? err.message : String(err));
  const code = pgErrorCode(err);
  if (code) Object.assign(plain, { code });
  return plain;
}

function describeTarget(t: PostgresTarget): string {
  return `${t.user}@${t.host}:${t.port}/${t.database}`;
}
