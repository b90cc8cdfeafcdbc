/**
 * In-process "the outbox has new rows" signal. Writers in this process raise it once their
 * transaction has committed, so the SSE poller reads at once instead of at its next tick; writes
 * from other processes (CLI import, simulator) are still found by the poll. No server-only
 * import: the CLI runs the same services.
 */
import { processSingleton } from '@/lib/registry';

type Listener = () => void;

// One set per process, even if the bundler instantiates this module once per route.
const listeners = processSingleton('outboxListeners', () => new Set<Listener>());

/** Calls `fn` after every committed write that may have appended to the outbox. */
export function onOutboxAppended(fn: Listener): () => void {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}

/** Raised by writers after commit; listeners must be cheap (the poller only schedules a read). */
export function outboxAppended(): void {
  for (const fn of listeners) fn();
}
