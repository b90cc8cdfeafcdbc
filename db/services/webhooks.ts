import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { and, asc, desc, eq, lt, lte } from 'drizzle-orm';
import { alertRules, webhookDeliveries } from '@/db/schema';
import type { SqlDb } from './alert-db';

/**
 * The webhook_deliveries queue: rows written in the alert's transaction, claimed and updated by the
 * delivery loop (server/alerts/webhook-delivery.ts), which does the network part.
 */
const LEASE_MS = 60_000;
export const MAX_ERROR = 500;

/** Queues a delivery in the caller's transaction; it is sent after commit by the worker. */
export function enqueueWebhook(db: SqlDb, d: { alertId: number; ruleId: number; url: string; payload: unknown; now: number }): void {
  db.insert(webhookDeliveries)
    .values({
      alertId: d.alertId,
      ruleId: d.ruleId,
      url: d.url,
      payload: JSON.stringify(d.payload),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: d.now,
      createdAt: d.now,
      updatedAt: d.now,
    })
    .run();
}

/** Claims a due delivery with a lease so two workers (or processes) never send it twice at once. */
export function claimDue(store: Store, now: number, limit: number) {
  const db = sqlOf(store);
  const due = db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(limit)
    .all();
  return due.filter(
    (d) =>
      db
        .update(webhookDeliveries)
        .set({ nextAttemptAt: now + LEASE_MS })
        .where(and(eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.status, 'pending'), lt(webhookDeliveries.nextAttemptAt, now + 1)))
        .run().changes === 1,
  );
}

/** The rule's webhook secret, read per attempt so a rotated or deleted secret takes effect at once. */
export function webhookRule(store: Store, ruleId: number): { secret: string | null } | undefined {
  const db = sqlOf(store);
  return db.select({ secret: alertRules.webhookSecret }).from(alertRules).where(eq(alertRules.id, ruleId)).get();
}

type Attempt = Pick<
  typeof webhookDeliveries.$inferInsert,
  'attempts' | 'lastStatusCode' | 'lastError' | 'status' | 'nextAttemptAt' | 'updatedAt'
>;

/** Records one attempt's outcome (and the next attempt's time). */
export function recordAttempt(store: Store, id: number, a: Attempt): void {
  const db = sqlOf(store);
  db.update(webhookDeliveries).set(a).where(eq(webhookDeliveries.id, id)).run();
}

export interface DeliveryItem {
  id: number;
  alertId: number;
  ruleId: number;
  url: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function listDeliveries(store: Store, opts: { limit: number; ruleId?: number }): DeliveryItem[] {
  const db = sqlOf(store);
  return db
    .select()
    .from(webhookDeliveries)
    .where(opts.ruleId ? eq(webhookDeliveries.ruleId, opts.ruleId) : undefined)
    .orderBy(desc(webhookDeliveries.id))
    .limit(opts.limit)
    .all()
    .map((d) => ({
      id: d.id,
      alertId: d.alertId,
      ruleId: d.ruleId,
      url: d.url,
      status: d.status,
      attempts: d.attempts,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      nextAttemptAt: d.status === 'pending' ? new Date(d.nextAttemptAt).toISOString() : null,
      createdAt: new Date(d.createdAt).toISOString(),
      updatedAt: new Date(d.updatedAt).toISOString(),
    }));
}
