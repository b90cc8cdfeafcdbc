import type { Store } from '@/db/store';
import { PLANNER_STATS_EVERY_MS, refreshPlannerStats } from '@/db/planner-stats';
import { log } from '@/server/log.mjs';
import { evaluateWindowRules } from '@/db/services/alert-engine';
import { CLOSE_ORDER, onProcessClose, peekSingleton, setSingleton } from '@/lib/registry';
import { deliverDue } from './webhook-delivery';

export interface SchedulerOptions {
  db: () => Store;
  horizonHours: () => number;
  windowEveryMs?: number;
  webhookEveryMs?: number;
  statsEveryMs?: number;
}

export interface AlertScheduler {
  /** Clears the timers; resolves once the passes in flight have finished (none starts after). */
  stop(): Promise<void>;
}

/**
 * Runs `pass` every `everyMs` on an unref'd timer, never two at once: a tick that finds the
 * previous pass still running is skipped. A failed pass is logged and the next tick runs as usual.
 * With `now`, the first pass starts at once rather than after one interval. Returns the stop function.
 */
function every(everyMs: number, pass: () => Promise<unknown>, onError: (err: unknown) => void, now = false): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = Promise.resolve()
      .then(pass)
      .then(
        () => undefined,
        (err: unknown) => onError(err),
      )
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  if (now) tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/**
 * Starts, once per process, the minute-by-minute pass over window rules, the webhook delivery
 * worker and the hourly planner-statistics check (live writes grow tables past their recorded
 * sizes without any import or restart). All run outside any request, so ingestion never waits
 * on a receiver.
 *
 * With several instances on one PostgreSQL database this background work belongs on one of
 * them: whoever holds the leadership calls startAlertScheduler when it gains it and
 * stopAlertScheduler when it loses it. Should two passes still meet (a leader change during a
 * pass), an alert is stored once anyway: its (rule, dedupe key) is unique in the database.
 */
export function startAlertScheduler(opts: SchedulerOptions): AlertScheduler {
  const running = peekSingleton<AlertScheduler>('alertScheduler');
  if (running) return running;
  const stops = [
    every(
      opts.windowEveryMs ?? 60_000,
      () => evaluateWindowRules(opts.db(), { now: Date.now(), horizonHours: opts.horizonHours() }),
      (err) => log.error({ component: 'alerts', err }, 'scheduled window evaluation failed'),
      // At once: an instance taking over from a dead leader (issue 19) fires what came due
      // meanwhile now, not a minute after its election.
      true,
    ),
    every(
      opts.webhookEveryMs ?? 2_000,
      () => deliverDue(opts.db()),
      (err) => log.error({ component: 'alerts', err }, 'webhook delivery pass failed'),
    ),
    every(
      opts.statsEveryMs ?? PLANNER_STATS_EVERY_MS,
      () => refreshPlannerStats(opts.db()),
      (err) => log.error({ component: 'db', err }, 'planner statistics refresh failed'),
    ),
  ];
  const handle: AlertScheduler = {
    async stop() {
      if (peekSingleton('alertScheduler') === handle) setSingleton('alertScheduler', undefined);
      offClose();
      await Promise.all(stops.map((stop) => stop()));
    },
  };
  setSingleton('alertScheduler', handle);
  const offClose = onProcessClose('alertScheduler', CLOSE_ORDER.timers, () => void handle.stop());
  return handle;
}

/** Stops this process's scheduler, if one runs (see startAlertScheduler). */
export async function stopAlertScheduler(): Promise<void> {
  await peekSingleton<AlertScheduler>('alertScheduler')?.stop();
}
