import 'server-only';
import { getDb } from '@/db/client';
import { eventsAfter, maxSeq, toFrames, type OutboxFrame } from './outbox';

type Listener = (frames: OutboxFrame[]) => void;

interface Poller {
  last: number;
  listeners: Set<Listener>;
  timer: ReturnType<typeof setInterval> | null;
}

export const POLL_MS = 250;
const BATCH = 500;
// One poller per process, even if the module is instantiated twice by the bundler.
const g = globalThis as unknown as { frontierWatchPoller?: Poller };
const state: Poller = (g.frontierWatchPoller ??= { last: -1, listeners: new Set(), timer: null });

function tick(): void {
  try {
    const db = getDb();
    const rows = eventsAfter(db, state.last, BATCH);
    if (!rows.length) return;
    state.last = rows.at(-1)!.seq;
    // Frames are built once per event and shared by every open stream.
    const frames = toFrames(db, rows);
    if (frames.length) for (const fn of state.listeners) fn(frames);
  } catch (err) {
    console.error('[live] outbox poll failed', err);
  }
}

/** The newest seq the poller has seen (initialised from the database on first use). */
export function pollerSeq(): number {
  if (state.last < 0) state.last = maxSeq(getDb());
  return state.last;
}

/** Receives every new outbox frame until the returned function is called. */
export function subscribe(fn: Listener): () => void {
  pollerSeq();
  state.listeners.add(fn);
  if (!state.timer) {
    state.timer = setInterval(tick, POLL_MS);
    state.timer.unref?.();
  }
  return () => {
    state.listeners.delete(fn);
    if (!state.listeners.size && state.timer) {
      clearInterval(state.timer);
      state.timer = null;
    }
  };
}
