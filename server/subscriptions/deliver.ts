import type { Store } from '@/db/store';
import { claimDueDeliveries, recordAttempt, type Attempt, type DeliveryRow } from '@/db/services/mail-deliveries';
import { getSubscription, rotateConfirmToken } from '@/db/services/subscriptions';
import { log } from '@/server/log.mjs';
import { alertsArgs, weeklyArgs } from './content';
import { assertOwnerMayRead } from './filter';
import { UndeliverableError, type MailPort } from './mail-port';

/** Delays before attempts 2…6 of a temporary failure: 1 min, 5 min, 15 min, 1 h, 4 h; then failed. */
export const MAIL_BACKOFF_MS = [60_000, 300_000, 900_000, 3_600_000, 14_400_000];

export interface DeliverOptions {
  backoffMs?: number[];
  now?: () => number;
  batch?: number;
}

/** Composes the row's mail from the database as it is now, as its owner may read it. */
async function compose(store: Store, port: MailPort, row: DeliveryRow) {
  const sub = await getSubscription(store, row.subscriptionId);
  if (!sub) throw new UndeliverableError('the subscription no longer exists');
  if (row.kind === 'confirm') {
    const token = await rotateConfirmToken(store, sub.id);
    if (!token) throw new UndeliverableError('the address is already confirmed');
    const confirmUrl = `${port.baseUrl}/api/subscriptions/confirm?token=${encodeURIComponent(token)}`;
    return port.confirm({ to: sub.email, confirmUrl, requestedBy: sub.owner.name || sub.owner.email, kind: sub.kind });
  }
  // Nothing but the confirmation reaches an address that has not agreed, or that unsubscribed.
  if (!sub.confirmedAt) throw new UndeliverableError('the address has not confirmed the subscription');
  if (!sub.enabled) throw new UndeliverableError('the subscription is disabled');
  await assertOwnerMayRead(store, sub.userId);
  if (row.kind === 'alerts') {
    const { alertIds = [] } = JSON.parse(row.payload) as { alertIds?: number[] };
    const args = await alertsArgs(store, port, sub, alertIds);
    if (args.alerts.length === 0) throw new UndeliverableError('the alerts of this batch no longer exist');
    return port.alerts(args);
  }
  if (!row.week) throw new UndeliverableError('the delivery names no week');
  return port.weekly(await weeklyArgs(store, port, sub, row.week));
}

/**
 * One attempt at a claimed row: compose, send, and say what to record. A refusing or unreachable
 * server never throws out of here: a permanent refusal (5xx) or an undeliverable row fails at
 * once with the reason; a temporary one (4xx, connection) is retried after `backoff[attempt - 1]`
 * until the delays run out (`retry: false`: fail at once, for sends whose caller gets the answer).
 */
export async function attemptDelivery(
  store: Store,
  port: MailPort,
  row: DeliveryRow,
  opts: { backoffMs: number[]; now: () => number; retry: boolean },
): Promise<Attempt & { permanent?: boolean }> {
  try {
    const { messageId } = await port.send(await compose(store, port, row));
    return { status: 'sent', messageId, now: opts.now() };
  } catch (err) {
    const now = opts.now();
    if (err instanceof UndeliverableError) return { status: 'failed', error: err.message, now, permanent: true };
    const { permanent, message } = port.classify(err);
    const attempt = row.attempts + 1;
    if (permanent || !opts.retry || attempt > opts.backoffMs.length) return { status: 'failed', error: message, now, permanent };
    return { status: 'queued', error: message, nextAttemptAt: now + opts.backoffMs[attempt - 1], now };
  }
}

/** Sends the due queued mails once (the retry loop); returns how many were attempted. Never throws for a mail server. */
export async function deliverDueMail(store: Store, port: MailPort, opts: DeliverOptions = {}): Promise<number> {
  const now = opts.now ?? Date.now;
  const claimed = await claimDueDeliveries(store, now(), opts.batch ?? 20);
  // One at a time: a relay throttles bursts, and a digest run is minutes, not seconds.
  for (const row of claimed) {
    const a = await attemptDelivery(store, port, row, { backoffMs: opts.backoffMs ?? MAIL_BACKOFF_MS, now, retry: true });
    await recordAttempt(store, row.id, a);
    if (a.status !== 'sent')
      log.warn(
        { component: 'mail', delivery: row.id, subscription: row.subscriptionId, status: a.status, error: a.error },
        'mail not delivered',
      );
  }
  return claimed.length;
}
