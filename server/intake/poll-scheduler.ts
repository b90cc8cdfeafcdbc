import type { Store } from '@/db/store';
import { CLOSE_ORDER, onProcessClose, peekSingleton, setSingleton } from '@/lib/registry';
import { log } from '@/server/log.mjs';
import { pollDueSources } from './poll-due';

export interface IntakeSchedulerOptions {
  db: () => Store;
  timeZone: () => string;
  /** How often to look for due sources (each source keeps its own interval). */
  everyMs?: number;
  concurrency?: number;
}

type Scheduler = { stop(): void };

/**
 * Starts, once per process, the pass that polls due feed sources, beside the alert scheduler. A
 * pass runs only when the previous one has finished, so a slow feed never piles up passes; stop()
 * aborts the fetches in flight (at shutdown, a feed must not hold the process open).
 */
export function startIntakeScheduler(opts: IntakeSchedulerOptions): Scheduler {
  const running = peekSingleton<Scheduler>('intakeScheduler');
  if (running) return running;
  const abort = new AbortController();
  let passing = false;
  const pass = () => {
    if (passing) return;
    passing = true;
    pollDueSources(opts.db(), { timeZone: opts.timeZone(), concurrency: opts.concurrency ?? 4, signal: abort.signal })
      .catch((err: unknown) => log.error({ component: 'intake', err }, 'scheduled source poll failed'))
      .finally(() => (passing = false));
  };
  const timer = setInterval(pass, opts.everyMs ?? 30_000);
  timer.unref();
  // The first pass soon after start, not a whole interval later.
  const first = setTimeout(pass, Math.min(opts.everyMs ?? 30_000, 5_000));
  first.unref();
  const handle = {
    stop() {
      clearInterval(timer);
      clearTimeout(first);
      abort.abort(new Error('the server is stopping'));
      setSingleton('intakeScheduler', undefined);
      offClose();
    },
  };
  setSingleton('intakeScheduler', handle);
  const offClose = onProcessClose('intakeScheduler', CLOSE_ORDER.timers, () => handle.stop());
  return handle;
}
