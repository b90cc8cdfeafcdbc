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
  /** A tick is reading: another one waits for it (so no row is read, or sent, twice). */
  ticking: Promise<void> | null;
  /** A tick was asked for while one ran: run once more after it. */
  again: boolean;
  /** The head read for a poller started without a seq, awaited by the first tick. */
  starting: Promise<void> | null;
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
  ticking: null,
  again: false,
  starting: null,
}));

/** Reads the outbox once (or once more after the read in flight); resolves when done. */
function tick(): Promise<void> {
  if (state.ticking) {
    state.again = true;
    return state.ticking;
  }
  state.ticking = (async () => {
    do {
      state.again = false;
      await readOnce();
    } while (state.again && state.timer);
  })().finally(() => {
    state.ticking = null;
  });
  return state.ticking;
}

async function readOnce(): Promise<void> {
  try {
    if (state.starting) await state.starting;
    const db = getStore();
    const rows = await Promise.resolve(eventsAfter(db, state.last, BATCH));
    if (!rows.length) return;
    state.last = rows.at(-1)!.seq;
    // Frames are built once per event and shared by every open stream.
    const frames = await toFrames(db, rows);
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
    void tick();
  });
}

/**
 * Receives every new outbox frame until the returned function is called. `from`: the outbox seq
 * the caller has read up to (a stream reads the head before it subscribes).
 */
export function subscribe(fn: Listener, from?: number): () => void {
  // Idle (no stream open): start at the head. A new stream starts at the head too (and replays
  // what it missed by Last-Event-ID itself), so frames for the rows written while nobody watched
  // would be built only to be dropped: after a busy feed that took seconds of batches before the
  // next live event went out.
  if (!state.timer) {
    if (from !== undefined) {
      state.last = from;
      state.starting = null;
    } else {
      const start: Promise<void> = outboxHead(getStore())
        .then(
          (seq) => {
            if (state.starting === start) state.last = seq;
          },
          (err: unknown) => log.error({ component: 'live', err }, 'outbox head read failed'),
        )
        .finally(() => {
          if (state.starting === start) state.starting = null;
        });
      state.starting = start;
    }
  }
  state.listeners.add(fn);
  if (!state.timer) {
    state.timer = setInterval(() => void tick(), POLL_MS);
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
