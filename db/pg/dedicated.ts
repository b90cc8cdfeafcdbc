import pg from 'pg';
import type { Store } from '../connection';
import { pgOf } from './store';

/**
 * A connection of its own, outside the store's pool, for what must stay on one session: LISTEN
 * (db/pg/outbox-listener.ts) and the leader's advisory lock (db/pg/leader.ts). Both live for
 * the life of the process, so both must notice a dead peer by themselves:
 * - client side, TCP keepalive, and each user's own heartbeat query with a deadline;
 * - server side, `tcp_keepalives_*` and `tcp_user_timeout` for this session, so that PostgreSQL
 *   ends the backend (and frees the session's advisory lock) about 25 s after the instance
 *   vanishes without closing its socket (power loss, a network partition), rather than after the
 *   kernel's default of two hours. A process that dies (kill -9) closes its socket at once.
 */
export const SERVER_KEEPALIVE = { idleSec: 10, intervalSec: 5, count: 3, userTimeoutMs: 25_000 } as const;

export function dedicatedClient(store: Store, applicationName: string): pg.Client {
  const { connectionString } = pgOf(store).$client.options;
  const k = SERVER_KEEPALIVE;
  return new pg.Client({
    connectionString,
    application_name: applicationName,
    keepAlive: true,
    keepAliveInitialDelayMillis: k.idleSec * 1000,
    connectionTimeoutMillis: 10_000,
    options: `-c tcp_keepalives_idle=${k.idleSec} -c tcp_keepalives_interval=${k.intervalSec} -c tcp_keepalives_count=${k.count} -c tcp_user_timeout=${k.userTimeoutMs}`,
  });
}

/** Runs `query` on `client`, failing if no answer comes within `ms` (a half-open connection never answers). */
export async function queryWithin<R extends pg.QueryResultRow>(client: pg.Client, query: string, ms: number): Promise<pg.QueryResult<R>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from PostgreSQL within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([client.query<R>(query), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
