import 'server-only';
import { getStore } from '@/db/client';
import { outboxPosition, type OutboxPosition } from '@/db/queries/outbox-head';
import { eventsAfter, toFrames, type OutboxFrame } from './outbox';
import { log } from '@/server/log.mjs';
import { onOutboxAppended } from '@/db/outbox-signal';
import { processSingleton } from '@/lib/registry';

type Listener = (frames: OutboxFrame[]) => void;

interface Poller {
  /** The last outbox position read; null until the first read of the head after start. */
  last: OutboxPosition | null;
  /** That first read, which every subscriber waits for. */
  starting: Promise<OutboxPosition> | null;
  listeners: Set<Listener>;
  timer: ReturnType<typeof setInterval> | null;
  /** Stops listening to in-process writes (and, on PostgreSQL, other instances' NOTIFY). */
  offSignal: (() => void) | null;
  wakePending: boolean;
  /** A read is in flight: reads never overlap, a wake during one runs another after it. */
  reading: boolean;
  again: boolean;
}

/**
 * Reads writes from other processes (CLI import, simulator, other instances without NOTIFY);
 * this process's writes, and other instances' on PostgreSQL (db/pg/outbox-listener.ts), wake it at once.
 */
export const POLL_MS = 250;
const BATCH = 500;
// One poller per process, even if the module is instantiated twice by the bundler.
const state = processSingleton<Poller>('livePoller', () => ({
  last: null,
  starting: null,
  listeners: new Set(),
  timer: null,
  offSignal: null,
  wakePending: false,
  reading: false,
  again: false,
}));

async function tick(): Promise<void> {
  if (state.reading) {
    state.again = true;
    return;
  }
  state.reading = true;
  try {
    const db = getStore();
    for (let more = true; more && state.last && state.timer;) {
      const rows = await eventsAfter(db, state.last, BATCH);
      more = rows.length === BATCH;
      if (!rows.length) break;
      const end = rows.at(-1)!;
      state.last = { xid: end.xid, seq: end.seq };
      // Frames are built once per event and shared by every open stream.
      const frames = await toFrames(db, rows);
      if (frames.length) for (const fn of state.listeners) fn(frames);
    }
  } catch (err) {
    log.error({ component: 'live', err }, 'outbox poll failed');
  } finally {
    state.reading = false;
    if (state.again) {
      state.again = false;
      void tick();
    }
  }
}

/** A committed write: read the outbox on the next turn of the event loop (coalesced). */
function wake(): void {
  if (state.wakePending || !state.timer) return;
  state.wakePending = true;
  setImmediate(() => {
    state.wakePending = false;
    void tick();
  });
}

/** Starts the poller at the outbox head; every subscriber until then waits for it. */
function readHead(): void {
  const starting = outboxPosition(getStore()).then(
    (head) => {
      if (state.starting === starting) state.last = head;
      return head;
    },
    (err: unknown) => {
      // The streams waiting on it end (their clients reconnect); the next subscriber reads it again.
      if (state.starting === starting) state.starting = null;
      throw err;
    },
  );
  state.starting = starting;
}

/**
 * Receives every new outbox frame until `unsubscribe` is called. `from` resolves to a position
 * such that every frame after it reaches `fn`, in order (frames of a read already in flight, at or
 * before it, may reach `fn` too: compare positions, see isAfter).
 */
export function subscribe(fn: Listener): { unsubscribe: () => void; from: Promise<OutboxPosition> } {
  // Idle (no stream open): start at the head. A new stream starts at the head too (and replays
  // what it missed by Last-Event-ID itself), so frames for the rows written while nobody watched
  // would be built only to be dropped: after a busy feed that took seconds of batches before the
  // next live event went out.
  if (!state.timer) {
    state.last = null;
    state.starting = null;
    state.timer = setInterval(() => void tick(), POLL_MS);
    state.timer.unref?.();
    state.offSignal = onOutboxAppended(wake);
  }
  if (!state.last && !state.starting) readHead();
  state.listeners.add(fn);
  // Running: frames after the current position (including a read in flight) reach fn.
  const from = state.last ? Promise.resolve(state.last) : state.starting!;
  const unsubscribe = () => {
    state.listeners.delete(fn);
    if (!state.listeners.size && state.timer) {
      clearInterval(state.timer);
      state.timer = null;
      state.starting = null;
      state.offSignal?.();
      state.offSignal = null;
    }
  };
  return { unsubscribe, from };
}
