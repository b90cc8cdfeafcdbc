/**
 * What instances of one database coordinate through it (issue 19), engine-neutral for server/:
 * who runs the background work, and hearing other instances' outbox writes. On SQLite there is
 * one server process: it always leads, and writes from other processes (CLI) are found by the
 * live poller's poll.
 */
import type { Store } from './connection';
import { isPgStore } from './pg/store';
import { holdLeadership as holdPgLeadership, type LeaderCallbacks, type Leadership, type LeaderOptions } from './pg/leader';
import { listenForOutbox as listenOnPg, type OutboxListener, type ListenerOptions } from './pg/outbox-listener';

export type { LeaderCallbacks, Leadership, LeaderOptions, OutboxListener, ListenerOptions };

/** Elects this instance when it may run the background work, and demotes it when it may no longer (db/pg/leader.ts). */
export function holdLeadership(store: Store, callbacks: LeaderCallbacks, opts: LeaderOptions = {}): Leadership {
  if (isPgStore(store)) return holdPgLeadership(store, callbacks, opts);
  callbacks.onElected();
  let leader = true;
  return {
    get isLeader() {
      return leader;
    },
    stop() {
      if (leader) callbacks.onDemoted();
      leader = false;
      return Promise.resolve();
    },
  };
}

/** Raises the outbox signal when another instance commits to the outbox (PostgreSQL LISTEN; nothing to do on SQLite). */
export function listenForOutbox(store: Store, opts: ListenerOptions = {}): OutboxListener {
  if (isPgStore(store)) return listenOnPg(store, opts);
  return { listening: false, stop: () => Promise.resolve() };
}
