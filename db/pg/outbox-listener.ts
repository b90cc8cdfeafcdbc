import type pg from 'pg';
import { diagnostics } from '@/lib/diagnostics';
import type { Store } from '../connection';
import { outboxAppended } from '../outbox-signal';
import { forgetToken, TOKEN_CHANNEL } from '../token-cache';
import { dedicatedClient, queryWithin } from './dedicated';
import { plainPgError } from './connection';

/** The channel db/migrations-pg/0002 notifies on, once per committed transaction that appended to `events`. */
export const OUTBOX_CHANNEL = 'frontier_outbox';

export interface OutboxListener {
  /** True while LISTEN is in place on a live connection. */
  readonly listening: boolean;
  /** Stops listening and closes the connection. */
  stop(): Promise<void>;
}

export interface ListenerOptions {
  /** Heartbeat period: a connection that does not answer within it is dropped and opened again. */
  heartbeatMs?: number;
  /** First pause before reconnecting; doubles up to 5 s while PostgreSQL stays away (a failover takes 10 to 30 s). */
  retryMs?: number;
}

/**
 * Raises the in-process outbox signal (db/outbox-signal.ts) whenever any instance commits rows
 * to the outbox, so this instance's live streams and caches read at once instead of at their next
 * poll, and drops API tokens that another instance revoked from this one's token cache. On a dedicated connection, reconnecting after a drop (failover, restart, network); after
 * each (re)connect the signal is raised once, since notifications sent while it was away are lost.
 * The poll remains the safety net: a lost notification delays a reader by one poll, never skips a row.
 */
export function listenForOutbox(store: Store, opts: ListenerOptions = {}): OutboxListener {
  const heartbeatMs = opts.heartbeatMs ?? 10_000;
  const firstRetryMs = opts.retryMs ?? 500;
  let client: pg.Client | null = null;
  let listening = false;
  let stopped = false;
  let retryMs = firstRetryMs;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const drop = (c: pg.Client, err?: unknown) => {
    if (client !== c) return;
    client = null;
    listening = false;
    clearInterval(heartbeat);
    c.removeAllListeners('notification');
    c.end().catch(() => undefined);
    if (stopped) return;
    if (err) diagnostics().warn({ component: 'live', err: plainPgError(err) }, 'outbox listener lost its connection; reconnecting');
    retry = setTimeout(connect, retryMs);
    retry.unref?.();
    retryMs = Math.min(retryMs * 2, 5_000);
  };

  const connect = () => {
    if (stopped) return;
    const c = dedicatedClient(store, 'frontier-watch-listen');
    client = c;
    c.on('error', (err) => drop(c, err));
    c.on('end', () => drop(c, new Error('connection ended')));
    c.on('notification', (n) => {
      if (n.channel === OUTBOX_CHANNEL) outboxAppended();
      // An API token revoked by another instance or process (db/token-cache.ts).
      else if (n.channel === TOKEN_CHANNEL) forgetToken(Number(n.payload) || undefined);
    });
    c.connect()
      .then(() => c.query(`LISTEN ${OUTBOX_CHANNEL}; LISTEN ${TOKEN_CHANNEL}`))
      .then(() => {
        if (client !== c) return;
        listening = true;
        retryMs = firstRetryMs;
        heartbeat = setInterval(() => void queryWithin(c, 'SELECT 1', heartbeatMs).catch((err: unknown) => drop(c, err)), heartbeatMs);
        heartbeat.unref?.();
        // Whatever was committed while no one listened: one read catches up, and a token revoked
        // meanwhile is read again.
        outboxAppended();
        forgetToken();
      })
      .catch((err: unknown) => drop(c, err));
  };

  connect();
  return {
    get listening() {
      return listening;
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      clearInterval(heartbeat);
      const c = client;
      client = null;
      listening = false;
      if (c) await c.end().catch(() => undefined);
    },
  };
}
