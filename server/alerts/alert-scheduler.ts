import type { Db } from '@/db/connection';
import { PLANNER_STATS_EVERY_MS, refreshPlannerStats } from '@/db/planner-stats';
import { evaluateWindowRules } from '@/db/services/alert-engine';
import { deliverDue } from './webhook-delivery';

export interface SchedulerOptions {
  db: () => Db;
  horizonHours: () => number;
  windowEveryMs?: number;
  webhookEveryMs?: number;
  statsEveryMs?: number;
}

const state = globalThis as unknown as { frontierWatchAlertScheduler?: { stop(): void } };

/**
 * Starts, once per process, the minute-by-minute pass over window rules, the webhook delivery
 * worker and the hourly planner-statistics check (live writes grow tables past their recorded
 * sizes without any import or restart). All run outside any request, so ingestion never waits
 * on a receiver.
 */
export function startAlertScheduler(opts: SchedulerOptions): { stop(): void } {
  if (state.frontierWatchAlertScheduler) return state.frontierWatchAlertScheduler;
  let delivering = false;
  const windows = setInterval(() => {
    try {
      evaluateWindowRules(opts.db(), { now: Date.now(), horizonHours: opts.horizonHours() });
    } catch (err) {
      console.error('[alerts] scheduled window evaluation failed', err);
    }
  }, opts.windowEveryMs ?? 60_000);
  const webhooks = setInterval(() => {
    if (delivering) return;
    delivering = true;
    deliverDue(opts.db())
      .catch((err) => console.error('[alerts] webhook delivery pass failed', err))
      .finally(() => (delivering = false));
  }, opts.webhookEveryMs ?? 2_000);
  const stats = setInterval(() => {
    try {
      refreshPlannerStats(opts.db().$client);
    } catch (err) {
      console.error('[db] planner statistics refresh failed', err);
    }
  }, opts.statsEveryMs ?? PLANNER_STATS_EVERY_MS);
  windows.unref();
  webhooks.unref();
  stats.unref();
  const handle = {
    stop() {
      clearInterval(windows);
      clearInterval(webhooks);
      clearInterval(stats);
      state.frontierWatchAlertScheduler = undefined;
    },
  };
  state.frontierWatchAlertScheduler = handle;
  return handle;
}
