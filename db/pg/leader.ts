import type pg from 'pg';
import { diagnostics } from '@/lib/diagnostics';
import type { Store } from '../connection';
import { dedicatedClient, queryWithin } from './dedicated';
import { plainPgError } from './connection';

/**
 * The advisory lock whose holder runs the background work (alert scheduler, webhook delivery,
 * feed polling). Advisory locks are per database, so installations sharing a server do not
 * contend; hashtext() keeps the key readable in pg_locks' documentation rather than a magic number.
 */
const LOCK_KEY = `hashtext('frontier-watch/background-work')`;

export interface LeaderCallbacks {
  /** This instance now holds the lock: start the background work. */
  onElected(): void;
  /** This instance no longer holds it (connection lost, heartbeat unanswered, stop): stop at once. */
  onDemoted(): void;
}

export interface LeaderOptions {
  /** How often a follower tries the lock, and the leader checks its connection. */
  retryMs?: number;
  /** A heartbeat unanswered within this is a lost connection: the leader demotes itself. */
  heartbeatTimeoutMs?: number;
}

export interface Leadership {
  readonly isLeader: boolean;
  /** Demotes (if leading), frees the lock and closes the connection. */
  stop(): Promise<void>;
}

/**
 * One leader among the instances of a PostgreSQL database: the instance whose dedicated session
 * holds a session-level advisory lock (pg_try_advisory_lock). Followers try again every
 * `retryMs`. The lock lives exactly as long as the session: a leader that dies (kill -9) or whose
 * connection drops frees it (the server notices a silent peer within about 25 s, see
 * db/pg/dedicated.ts), and a follower takes over at its next try, well within 60 s.
 *
 * The leader must stop before anyone else can start: it checks its session every `retryMs` with a
 * query that must answer within `heartbeatTimeoutMs`, and demotes itself on any error or silence,
 * which happens before the server side gives up on it (keepalives: 25 s; 5 s + 5 s here).
 */
export function holdLeadership(store: Store, callbacks: LeaderCallbacks, opts: LeaderOptions = {}): Leadership {
  const retryMs = opts.retryMs ?? 5_000;
  const heartbeatTimeoutMs = opts.heartbeatTimeoutMs ?? 5_000;
  let client: pg.Client | null = null;
  let leader = false;
  let stopped = false;
  let busy = false;

  const demote = () => {
    if (!leader) return;
    leader = false;
    try {
      callbacks.onDemoted();
    } catch (err) {
      diagnostics().warn({ component: 'leader', err }, 'stopping background work failed');
    }
  };

  const discard = (err: unknown) => {
    const c = client;
    client = null;
    if (leader) diagnostics().warn({ component: 'leader', err: plainPgError(err) }, 'lost the background-work lock; stopping it here');
    demote();
    // Ending the session frees the lock, if the server still counts it held.
    c?.end().catch(() => undefined);
  };

  const open = async (): Promise<pg.Client> => {
    const c = dedicatedClient(store, 'frontier-watch-leader');
    c.on('error', (err) => {
      if (client === c) discard(err);
    });
    c.on('end', () => {
      if (client === c) discard(new Error('connection ended'));
    });
    client = c;
    await c.connect();
    return c;
  };

  const step = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      const c = client ?? (await open());
      if (leader) {
        await queryWithin(c, 'SELECT 1', heartbeatTimeoutMs);
      } else {
        const r = await queryWithin<{ got: boolean }>(c, `SELECT pg_try_advisory_lock(${LOCK_KEY}) AS got`, heartbeatTimeoutMs);
        if (r.rows[0]?.got && !stopped && client === c) {
          leader = true;
          callbacks.onElected();
        }
      }
    } catch (err) {
      discard(err);
    } finally {
      busy = false;
    }
  };

  const timer = setInterval(() => void step(), retryMs);
  timer.unref?.();
  void step();

  return {
    get isLeader() {
      return leader;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      demote();
      const c = client;
      client = null;
      if (c) await c.end().catch(() => undefined);
    },
  };
}
