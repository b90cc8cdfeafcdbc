import type { Db } from '@/db/connection';
import { evaluateWindowRules } from './alert-engine';
import { deliverDue } from './webhooks';

export interface SchedulerOptions {
  db: () => Db;
  horizonHours: () => number;
  windowEveryMs?: number;
  webhookEveryMs?: number;
}

const state = globalThis as unknown as { frontierWatchAlertScheduler?: { stop(): void } };

/**
 * Starts, once per process, the minute-by-minute pass over window rules and the webhook
 * delivery worker. Both run outside any request, so ingestion never waits on a receiver.
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
  windows.unref();
  webhooks.unref();
  const handle = {
    stop() {
      clearInterval(windows);
      clearInterval(webhooks);
      state.frontierWatchAlertScheduler = undefined;
    },
  };
  state.frontierWatchAlertScheduler = handle;
  return handle;
}
