import type { Store } from '@/db/store';
import { incidentItemsByIds } from '@/db/queries/incident-rows';
import {
  alertSubscriptions,
  alertsAfter,
  queueAlertBatch,
  queueLedgerWeek,
  weeklySubscriptionIds,
  type PendingAlert,
} from '@/db/services/mail-deliveries';
import { getSubscription } from '@/db/services/subscriptions';
import { matchesFilter } from '@/lib/filters/match';
import { dueDigest, type DigestSchedule } from '@/lib/subscriptions/schedule';
import { severityAtLeast, type Subscription } from '@/lib/subscriptions/schema';
import { log } from '@/server/log.mjs';
import { resolveFilter } from './filter';
import { UndeliverableError } from './mail-port';

/** A subscriber's alerts wait this long after the first one, then go out together: a burst is one mail. */
export const ALERT_BATCH_MS = 60_000;
/** Alerts younger than this are left for the next pass, so one still committing is never skipped. */
const SETTLE_MS = 2_000;

/**
 * Queues this week's scheduled briefs once the digest instant has passed: one ledger row per
 * (subscription, week), inserted before anything is sent; a row already there (an earlier pass, a
 * restart, another instance) is left alone. Returns how many were queued now.
 */
export async function queueWeeklyDigests(store: Store, nowMs: number, schedule: DigestSchedule, timeZone: string): Promise<number> {
  const due = dueDigest(nowMs, schedule, timeZone);
  if (!due) return 0;
  let queued = 0;
  for (const id of await weeklySubscriptionIds(store, due.scheduledAt, due.week))
    if ((await queueLedgerWeek(store, id, due.week, nowMs)) !== null) queued++;
  if (queued) log.info({ component: 'mail', week: due.week, queued }, 'weekly briefs queued');
  return queued;
}

/** The alerts of `pending` the subscription asked for: firing, at or above its severity, inside its filter. */
async function matching(store: Store, sub: Subscription, pending: PendingAlert[]): Promise<PendingAlert[]> {
  const wanted = pending.filter((a) => a.status === 'firing' && severityAtLeast(a.severity, sub.minSeverity ?? 'info'));
  if (wanted.length === 0) return [];
  let filter;
  try {
    filter = (await resolveFilter(store, sub)).filter;
  } catch (err) {
    // A saved view gone since: queue the batch anyway, so its delivery fails with the reason in the log.
    if (err instanceof UndeliverableError) return wanted;
    throw err;
  }
  if (Object.keys(filter).length === 0) return wanted;
  const items = new Map((await incidentItemsByIds(store, [...new Set(wanted.flatMap((a) => a.incidentIds))])).map((i) => [i.id, i]));
  return wanted.filter((a) =>
    a.incidentIds.some((id) => {
      const item = items.get(id);
      return item !== undefined && matchesFilter(item, filter);
    }),
  );
}

/**
 * One pass of alert batching: for each enabled, confirmed alerts subscription, the alerts since its
 * cursor; once the oldest matching one is ALERT_BATCH_MS old, every matching alert so far becomes
 * one queued mail and the cursor moves past them (one transaction). Returns how many batches were queued.
 */
export async function queueAlertBatches(store: Store, nowMs: number, batchMs = ALERT_BATCH_MS): Promise<number> {
  let queued = 0;
  for (const { id, cursor } of await alertSubscriptions(store)) {
    const pending = await alertsAfter(store, cursor, nowMs - SETTLE_MS);
    if (pending.length === 0) continue;
    const sub = await getSubscription(store, id);
    if (!sub) continue;
    const hits = await matching(store, sub, pending);
    if (hits.length > 0 && nowMs - hits[0].firedAt < batchMs) continue;
    const to = pending.at(-1)!.id;
    const delivery = await queueAlertBatch(store, { subscriptionId: id, from: cursor, to, alertIds: hits.map((a) => a.id), now: nowMs });
    if (delivery !== null) queued++;
  }
  return queued;
}
