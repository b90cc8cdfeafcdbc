import type { Store } from '@/db/store';
import { claimDelivery, queueDelivery, queueLedgerWeek, ledgerEntry, recordAttempt } from '@/db/services/mail-deliveries';
import { getSubscription } from '@/db/services/subscriptions';
import { AppError } from '@/lib/errors';
import { attemptDelivery } from './deliver';
import type { MailPort } from './mail-port';

export type SendNowResult =
  { ok: true; deliveryId: number; messageId: string } | { ok: false; deliveryId: number; permanent: boolean; error: string };

/**
 * Sends one weekly brief now and waits for the server's answer (POST /api/subscriptions/{id}/send,
 * `npm run digest`). Logged as a delivery. A manual send (`ledger: false`) stays outside the weekly
 * ledger; the CLI's scheduled-style send (`ledger: true`) claims the week's ledger slot first and
 * refuses a week already there. The caller hears the answer, so a refusal is not retried in the
 * background: it is logged as failed with the server's answer.
 */
export async function sendWeekNow(
  store: Store,
  port: MailPort,
  subscriptionId: number,
  week: string,
  opts: { ledger?: boolean; now?: () => number } = {},
): Promise<SendNowResult> {
  const now = opts.now ?? Date.now;
  const sub = await getSubscription(store, subscriptionId);
  if (!sub) throw new AppError('not_found', `No subscription ${subscriptionId}.`);
  if (sub.kind !== 'weekly')
    throw new AppError('conflict', `Subscription ${subscriptionId} is an alerts subscription; only weekly briefs are sent by hand.`);
  if (!sub.confirmedAt) throw new AppError('conflict', `Subscription ${subscriptionId} waits for ${sub.email} to confirm it.`);
  if (!sub.enabled) throw new AppError('conflict', `Subscription ${subscriptionId} is disabled; enable it first.`);
  let id: number;
  if (opts.ledger) {
    const claimed = await queueLedgerWeek(store, subscriptionId, week, now());
    if (claimed === null) {
      const entry = await ledgerEntry(store, subscriptionId, week);
      throw new AppError(
        'conflict',
        `${week} is already in the weekly ledger of subscription ${subscriptionId} (delivery ${entry?.id}, ${entry?.status}).`,
      );
    }
    id = claimed;
  } else id = await queueDelivery(store, { subscriptionId, kind: 'manual', week, now: now() });
  const row = await claimDelivery(store, id, now());
  if (!row) throw new AppError('conflict', `Delivery ${id} was taken by another sender.`);
  const a = await attemptDelivery(store, port, row, { backoffMs: [], now, retry: false });
  await recordAttempt(store, id, a);
  if (a.status === 'sent') return { ok: true, deliveryId: id, messageId: a.messageId };
  return { ok: false, deliveryId: id, permanent: a.permanent ?? false, error: a.error };
}
