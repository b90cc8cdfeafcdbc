import type { Store } from '@/db/store';
import type { DigestSchedule } from '@/lib/subscriptions/schedule';
import { CLOSE_ORDER, onProcessClose, peekSingleton, setSingleton } from '@/lib/registry';
import { log } from '@/server/log.mjs';
import { deliverDueMail, type DeliverOptions } from './deliver';
import type { MailPort } from './mail-port';
import { queueAlertBatches, queueWeeklyDigests } from './queue';

export interface SubscriptionSchedulerOptions extends DeliverOptions {
  db: () => Store;
  /** The mail side, or null while SMTP is not configured (then nothing is queued or sent; subscriptions are kept). */
  port: () => MailPort | null | Promise<MailPort | null>;
  schedule: () => DigestSchedule;
  timeZone: () => string;
  everyMs?: number;
}

export interface SubscriptionScheduler {
  /** Clears the timer; resolves once the pass in flight has finished. */
  stop(): Promise<void>;
}

/**
 * The mail pass, every `everyMs` (10 s): queue the weekly briefs once they are due, batch alerts,
 * then send what is due (first attempts and retries). One pass at a time; a failed pass is logged
 * and the next runs as usual. Runs where the alert scheduler runs: on the one instance that leads
 * (server/cluster/leadership.ts); should two passes meet during a leader change, the ledger's
 * unique key, the cursor's conditional move and the leased claims keep every mail single.
 */
export function startSubscriptionScheduler(opts: SubscriptionSchedulerOptions): SubscriptionScheduler {
  const running = peekSingleton<SubscriptionScheduler>('subscriptionScheduler');
  if (running) return running;
  const now = opts.now ?? Date.now;
  let inFlight: Promise<void> | null = null;
  const pass = async () => {
    const port = await opts.port();
    if (!port) return;
    const store = opts.db();
    await queueWeeklyDigests(store, now(), opts.schedule(), opts.timeZone());
    await queueAlertBatches(store, now());
    await deliverDueMail(store, port, opts);
  };
  const tick = () => {
    if (inFlight) return;
    inFlight = pass()
      .catch((err: unknown) => log.error({ component: 'mail', err }, 'subscription mail pass failed'))
      .finally(() => (inFlight = null));
  };
  const timer = setInterval(tick, opts.everyMs ?? 10_000);
  timer.unref();
  tick();
  const handle: SubscriptionScheduler = {
    async stop() {
      if (peekSingleton('subscriptionScheduler') === handle) setSingleton('subscriptionScheduler', undefined);
      offClose();
      clearInterval(timer);
      await inFlight;
    },
  };
  setSingleton('subscriptionScheduler', handle);
  const offClose = onProcessClose('subscriptionScheduler', CLOSE_ORDER.timers, () => void handle.stop());
  return handle;
}
