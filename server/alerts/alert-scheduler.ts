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

type Scheduler = { stop(): void };

/**
 * Starts, once per process, the minute-by-minute pass over window rules, the webhook delivery
 * worker and the hourly planner-statistics check (live writes grow tables past their recorded
 * sizes without any import or restart). All run outside any request, so ingestion never waits
 * on a receiver.
 */
export function startAlertScheduler(opts: SchedulerOptions): { stop(): void } {
  const running = peekSingleton<Scheduler>('alertScheduler');
  if (running) return running;
  let delivering = false;
  const windows = setInterval(() => {
    try {
      evaluateWindowRules(opts.db(), { now: Date.now(), horizonHours: opts.horizonHours() });
    } catch (err) {
      log.error({ component: 'alerts', err }, 'scheduled window evaluation failed');
    }
  }, opts.windowEveryMs ?? 60_000);
  const webhooks = setInterval(() => {
    if (delivering) return;
    delivering = true;
    deliverDue(opts.db())
      .catch((err: unknown) => log.error({ component: 'alerts', err }, 'webhook delivery pass failed'))
      .finally(() => (delivering = false));
  }, opts.webhookEveryMs ?? 2_000);
  const stats = setInterval(() => {
    refreshPlannerStats(opts.db()).catch((err: unknown) => log.error({ component: 'db', err }, 'planner statistics refresh failed'));
  }, opts.statsEveryMs ?? PLANNER_STATS_EVERY_MS);
  windows.unref();
  webhooks.unref();
  stats.unref();
  const handle = {
    stop() {
      clearInterval(windows);
      clearInterval(webhooks);
      clearInterval(stats);
      setSingleton('alertScheduler', undefined);
      offClose();
    },
  };
  setSingleton('alertScheduler', handle);
  const offClose = onProcessClose('alertScheduler', CLOSE_ORDER.timers, () => handle.stop());
  return handle;
}
