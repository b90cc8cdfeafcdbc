import { and, asc, desc, eq, gt, inArray, isNotNull, lt, lte, notExists } from 'drizzle-orm';
import { alertIncidents, alerts, mailDeliveries, subscriptions } from '@/db/schema';
import type { Store } from '@/db/store';
import { builder, transact } from '@/db/engine';
import type { MailDelivery } from '@/lib/subscriptions/schema';

/**
 * The mail_deliveries log and queue (issue 23). Rows are written here; the delivery loop
 * (server/subscriptions/deliver.ts) does the SMTP part and records each attempt.
 */
export const MAX_MAIL_ERROR = 1000;
/** A claimed row is not offered again for this long: time for one SMTP conversation. */
export const MAIL_LEASE_MS = 5 * 60_000;

type Kind = MailDelivery['kind'];
export type DeliveryRow = typeof mailDeliveries.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toDelivery(r: DeliveryRow): MailDelivery {
  const payload = JSON.parse(r.payload) as { alertIds?: number[] };
  return {
    id: r.id,
    subscriptionId: r.subscriptionId,
    kind: r.kind,
    week: r.week,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'queued' ? iso(r.nextAttemptAt) : null,
    lastError: r.lastError,
    messageId: r.messageId,
    alertIds: payload.alertIds ?? [],
    createdAt: iso(r.createdAt)!,
    sentAt: iso(r.sentAt),
  };
}

/**
 * Claims the weekly ledger slot of (subscription, week) and queues its mail, in one statement:
 * the id of the new row, or null when the week is already in the ledger (sent, queued or failed),
 * whichever instance or earlier run put it there.
 */
export async function queueLedgerWeek(store: Store, subscriptionId: number, week: string, now: number): Promise<number | null> {
  const [row] = await builder(store)
    .insert(mailDeliveries)
    .values({ subscriptionId, kind: 'weekly', week, ledgerWeek: week, status: 'queued', nextAttemptAt: now, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: mailDeliveries.id });
  return row?.id ?? null;
}

/** Queues a mail outside the ledger (manual send, confirmation, alerts batch). */
export async function queueDelivery(
  store: Store,
  d: { subscriptionId: number; kind: Exclude<Kind, 'weekly'>; week?: string | null; payload?: unknown; now: number },
): Promise<number> {
  const [row] = await builder(store)
    .insert(mailDeliveries)
    .values({
      subscriptionId: d.subscriptionId,
      kind: d.kind,
      week: d.week ?? null,
      status: 'queued',
      nextAttemptAt: d.now,
      payload: JSON.stringify(d.payload ?? {}),
      createdAt: d.now,
    })
    .returning({ id: mailDeliveries.id });
  return row.id;
}

/** The week's row in the ledger, if any. */
export async function ledgerEntry(store: Store, subscriptionId: number, week: string): Promise<MailDelivery | null> {
  const [row] = await builder(store)
    .select()
    .from(mailDeliveries)
    .where(and(eq(mailDeliveries.subscriptionId, subscriptionId), eq(mailDeliveries.ledgerWeek, week)));
  return row ? toDelivery(row) : null;
}

/**
 * Enabled, confirmed weekly subscriptions that existed before `before` (the schedule's instant) and
 * have no ledger row for `week` yet: the pass runs every few seconds all week, so the ones done are
 * left out here rather than bounced off the unique key each time.
 */
export async function weeklySubscriptionIds(store: Store, before: number, week: string): Promise<number[]> {
  const db = builder(store);
  const found = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.kind, 'weekly'),
        eq(subscriptions.enabled, true),
        isNotNull(subscriptions.confirmedAt),
        lt(subscriptions.createdAt, before),
        notExists(
          db
            .select({ one: mailDeliveries.id })
            .from(mailDeliveries)
            .where(and(eq(mailDeliveries.subscriptionId, subscriptions.id), eq(mailDeliveries.ledgerWeek, week))),
        ),
      ),
    )
    .orderBy(asc(subscriptions.id));
  return found.map((r) => r.id);
}

/**
 * Claims up to `limit` due queued rows with a lease (their next attempt moves MAIL_LEASE_MS ahead),
 * each by a conditional UPDATE that a concurrent claimer no longer matches (under READ COMMITTED
 * the second one re-reads the committed row), so no two loops send the same row at once.
 */
export async function claimDueDeliveries(store: Store, now: number, limit: number): Promise<DeliveryRow[]> {
  const due = await builder(store)
    .select({ id: mailDeliveries.id })
    .from(mailDeliveries)
    .where(and(eq(mailDeliveries.status, 'queued'), lte(mailDeliveries.nextAttemptAt, now)))
    .orderBy(asc(mailDeliveries.nextAttemptAt), asc(mailDeliveries.id))
    .limit(limit);
  const claimed: DeliveryRow[] = [];
  for (const { id } of due) {
    const [row] = await builder(store)
      .update(mailDeliveries)
      .set({ nextAttemptAt: now + MAIL_LEASE_MS })
      .where(and(eq(mailDeliveries.id, id), eq(mailDeliveries.status, 'queued'), lte(mailDeliveries.nextAttemptAt, now)))
      .returning();
    if (row) claimed.push(row);
  }
  return claimed;
}

/** Claims one row by id for an immediate send (manual send, CLI); null when it is not queued. */
export async function claimDelivery(store: Store, id: number, now: number): Promise<DeliveryRow | null> {
  const [row] = await builder(store)
    .update(mailDeliveries)
    .set({ nextAttemptAt: now + MAIL_LEASE_MS })
    .where(and(eq(mailDeliveries.id, id), eq(mailDeliveries.status, 'queued')))
    .returning();
  return row ?? null;
}

/** The outcome of one attempt: sent (with the server's message id), retry later, or failed for good. */
export type Attempt =
  | { status: 'sent'; messageId: string; now: number }
  | { status: 'queued'; error: string; nextAttemptAt: number; now: number }
  | { status: 'failed'; error: string; now: number };

export async function recordAttempt(store: Store, id: number, a: Attempt): Promise<void> {
  const [row] = await builder(store).select({ attempts: mailDeliveries.attempts }).from(mailDeliveries).where(eq(mailDeliveries.id, id));
  if (!row) return;
  const common = { attempts: row.attempts + 1 };
  await builder(store)
    .update(mailDeliveries)
    .set(
      a.status === 'sent'
        ? { ...common, status: 'sent', messageId: a.messageId.slice(0, 500), sentAt: a.now, nextAttemptAt: a.now }
        : a.status === 'queued'
          ? { ...common, status: 'queued', lastError: a.error.slice(0, MAX_MAIL_ERROR), nextAttemptAt: a.nextAttemptAt }
          : { ...common, status: 'failed', lastError: a.error.slice(0, MAX_MAIL_ERROR), nextAttemptAt: a.now },
    )
    .where(eq(mailDeliveries.id, id));
}

export async function getDelivery(store: Store, id: number): Promise<MailDelivery | null> {
  const [row] = await builder(store).select().from(mailDeliveries).where(eq(mailDeliveries.id, id));
  return row ? toDelivery(row) : null;
}

/** A subscription's delivery log, newest first. */
export async function listDeliveries(store: Store, subscriptionId: number, limit = 100): Promise<MailDelivery[]> {
  const found = await builder(store)
    .select()
    .from(mailDeliveries)
    .where(eq(mailDeliveries.subscriptionId, subscriptionId))
    .orderBy(desc(mailDeliveries.createdAt), desc(mailDeliveries.id))
    .limit(limit);
  return found.map(toDelivery);
}

export interface PendingAlert {
  id: number;
  severity: 'info' | 'warning' | 'critical';
  status: 'firing' | 'acknowledged' | 'resolved';
  firedAt: number;
  incidentIds: number[];
}

/** Alerts after the subscription's cursor fired no later than `upTo`, oldest first, with their incident ids. */
export async function alertsAfter(store: Store, cursor: number, upTo: number, limit = 500): Promise<PendingAlert[]> {
  const found = await builder(store)
    .select({ id: alerts.id, severity: alerts.severity, status: alerts.status, firedAt: alerts.firedAt })
    .from(alerts)
    .where(and(gt(alerts.id, cursor), lte(alerts.firedAt, upTo)))
    .orderBy(asc(alerts.id))
    .limit(limit);
  if (found.length === 0) return [];
  const links = await builder(store)
    .select({ alertId: alertIncidents.alertId, incidentId: alertIncidents.incidentId })
    .from(alertIncidents)
    .where(
      inArray(
        alertIncidents.alertId,
        found.map((a) => a.id),
      ),
    )
    .orderBy(asc(alertIncidents.incidentId));
  return found.map((a) => ({ ...a, incidentIds: links.filter((l) => l.alertId === a.id).map((l) => l.incidentId) }));
}

/**
 * Moves an alerts subscription's cursor from `from` to `to` and, when the batch has alerts, queues
 * its one mail, in one transaction. The cursor only moves from the value the caller read, so two
 * passes that meet (a leader change) queue a batch once: the second one's update matches nothing.
 */
export async function queueAlertBatch(
  store: Store,
  d: { subscriptionId: number; from: number; to: number; alertIds: number[]; now: number },
): Promise<number | null> {
  return transact(store, async (tx) => {
    const moved = await builder(tx)
      .update(subscriptions)
      .set({ alertCursor: d.to })
      .where(and(eq(subscriptions.id, d.subscriptionId), eq(subscriptions.alertCursor, d.from)))
      .returning({ id: subscriptions.id });
    if (moved.length === 0 || d.alertIds.length === 0) return null;
    return queueDelivery(tx, { subscriptionId: d.subscriptionId, kind: 'alerts', payload: { alertIds: d.alertIds }, now: d.now });
  });
}

/** Enabled, confirmed alerts subscriptions with the cursor each has reached. */
export async function alertSubscriptions(store: Store): Promise<{ id: number; cursor: number }[]> {
  return builder(store)
    .select({ id: subscriptions.id, cursor: subscriptions.alertCursor })
    .from(subscriptions)
    .where(and(eq(subscriptions.kind, 'alerts'), eq(subscriptions.enabled, true), isNotNull(subscriptions.confirmedAt)))
    .orderBy(asc(subscriptions.id));
}
