/**
 * Errors that mean "the database cannot be reached or cannot take writes right now", not "this
 * request is wrong": what a PostgreSQL failover looks like from an instance. The server answers
 * them 503 with Retry-After (server/http/respond.ts), as it answers SQLITE_BUSY: the client tries
 * again, by then against the promoted primary, and nothing it was told was stored is lost (a
 * request that failed this way was never acknowledged). No driver import: it only reads errors.
 */

/** SQLSTATEs: the server is going away, starting, or a standby that refuses writes. */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: fast shutdown or pg_terminate_backend (a failover's old primary)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, or in recovery
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
  '25006', // read_only_sql_transaction: a write reached a standby (or the demoted primary)
]);

/** Socket-level failures reported by Node for the connection to the database. */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN']);

/** node-postgres's own messages for a connection that timed out or closed under a query. */
const UNAVAILABLE_MESSAGES = [
  /^timeout exceeded when trying to connect$/,
  /^Connection terminated( unexpectedly| due to connection timeout)?$/,
  /^Client has encountered a connection error and is not queryable$/,
];

/** True when `err`, or an error it wraps (Drizzle wraps the driver's), says the database is unavailable. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    if (e.name === 'PgConnectError') return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code))) return true;
    if (UNAVAILABLE_MESSAGES.some((m) => m.test(e.message))) return true;
  }
  return false;
}

/** The error as it may be logged: message and code only (a pool's errors carry the whole client). */
export { plainPgError as plainDbError } from './pg/connection';
