import 'server-only';
import { getStore } from '@/db/client';
import { outboxHead } from '@/db/queries/outbox-head';
import { eventsAfter, toFrames, type OutboxFrame } from './outbox';
import { log } from '@/server/log.mjs';
import { onOutboxAppended } from '@/db/outbox-signal';
import { processSingleton } from '@/lib/registry';

type Listener = (frames: OutboxFrame[]) => void;

interface Poller {
  last: number;
  listeners: Set<Listener>;
  timer: ReturnType<typeof setInterval> | null;
  /** Stops listening to in-process writes. */
  offSignal: (() => void) | null;
  wakePending: boolean;
}

/** Reads writes from other processes (CLI import, simulator); this process's writes wake the poller at once. */
export const POLL_MS = 250;
const BATCH = 500;
// One poller per process, even if the module is instantiated twice by the bundler.
const state = processSingleton<Poller>('livePoller', () => ({
  last: -1,
  listeners: new Set(),
  timer: null,
  offSignal: null,
  wakePending: false,
}));

function tick(): void {
  try {
    const db = getStore();
    const rows = eventsAfter(db, state.last, BATCH);
    if (!rows.length) return;
    state.last = rows.at(-1)!.seq;
    // Frames are built once per event and shared by every open stream.
    const frames = toFrames(db, rows);
    if (frames.length) for (const fn of state.listeners) fn(frames);
  } catch (err) {
    log.error({ component: 'live', err }, 'outbox poll failed');
  }
}

/** A committed in-process write: read the outbox on the next turn of the event loop (coalesced). */
function wake(): void {
  if (state.wakePending || !state.timer) return;
  state.wakePending = true;
  setImmediate(() => {
    state.wakePending = false;
    tick();
  });
}

/** Receives every new outbox frame until the returned function is called. */
export function subscribe(fn: Listener): () => void {
  // Idle (no stream open): start at the head. A new stream starts at the head too (and replays
  // what it missed by Last-Event-ID itself), so frames for the rows written while nobody watched
  // would be built only to be dropped: after a busy feed that took seconds of batches before the
  // next live event went out.
  if (!state.timer) state.last = outboxHead(getStore());
  state.listeners.add(fn);
  if (!state.timer) {
    state.timer = setInterval(tick, POLL_MS);
    state.timer.unref?.();
    state.offSignal = onOutboxAppended(wake);
  }
  return () => {
    state.listeners.delete(fn);
    if (!state.listeners.size && state.timer) {
      clearInterval(state.timer);
      state.timer = null;
      state.offSignal?.();
      state.offSignal = null;
    }
  };
}
