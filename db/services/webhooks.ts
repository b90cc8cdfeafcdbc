import type { Store } from '@/db/store';
import { and, asc, desc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import { builder, engineOf, rows, withSqliteWriteLock } from '@/db/engine';
import { alertRules, webhookDeliveries } from '@/db/schema';
import type { SqlDb } from './alert-db';

/**
 * The webhook_deliveries queue: rows written in the alert's transaction, claimed and updated by the
 * delivery loop (server/alerts/webhook-delivery.ts), which does the network part.
 */
const LEASE_MS = 60_000;
export const MAX_ERROR = 500;

type Delivery = typeof webhookDeliveries.$inferSelect;

function queuedRow(d: { alertId: number; ruleId: number; url: string; payload: unknown; now: number }) {
  return {
    alertId: d.alertId,
    ruleId: d.ruleId,
    url: d.url,
    payload: JSON.stringify(d.payload),
    status: 'pending' as const,
    attempts: 0,
    nextAttemptAt: d.now,
    createdAt: d.now,
    updatedAt: d.now,
  };
}

/** Queues a delivery in the caller's transaction; it is sent after commit by the worker. */
export async function enqueueWebhook(
  tx: Store,
  d: { alertId: number; ruleId: number; url: string; payload: unknown; now: number },
): Promise<void> {
  await builder(tx).insert(webhookDeliveries).values(queuedRow(d));
}

/** enqueueWebhook for alert firing, which still runs synchronously inside better-sqlite3's transaction (SQLite only). */
export function enqueueWebhookSync(db: SqlDb, d: { alertId: number; ruleId: number; url: string; payload: unknown; now: number }): void {
  db.insert(webhookDeliveries).values(queuedRow(d)).run();
}

/**
 * Claims up to `limit` due deliveries with a lease (their next attempt moves LEASE_MS ahead), so
 * two workers, processes or instances never send one at the same time.
 * - PostgreSQL: one UPDATE over the due rows picked with FOR UPDATE SKIP LOCKED, so concurrent
 *   claimers take disjoint rows without waiting for each other.
 * - SQLite: one writer at a time; each row is taken by a conditional UPDATE that a second claimer
 *   no longer matches.
 */
export async function claimDue(store: Store, now: number, limit: number): Promise<Delivery[]> {
  if (engineOf(store) === 'postgres') {
    const claimed = await rows<Record<string, unknown>>(
      store,
      sql`UPDATE webhook_deliveries SET next_attempt_at = ${now + LEASE_MS}
          WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ${now}
                       ORDER BY next_attempt_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
          RETURNING id`,
    );
    if (claimed.length === 0) return [];
    // Read back through the builder so columns are mapped as everywhere else (the lease is ours now).
    const ids = claimed.map((r) => Number(r.id));
    return builder(store).select().from(webhookDeliveries).where(inArray(webhookDeliveries.id, ids)).orderBy(asc(webhookDeliveries.id));
  }
  // Synchronous statements under the connection's write lock, so they never join an async transaction.
  return withSqliteWriteLock(store, (db) => {
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
  });
}

/** The rule's webhook secret, read per attempt so a rotated or deleted secret takes effect at once. */
export async function webhookRule(store: Store, ruleId: number): Promise<{ secret: string | null } | undefined> {
  const [row] = await builder(store).select({ secret: alertRules.webhookSecret }).from(alertRules).where(eq(alertRules.id, ruleId));
  return row;
}

type Attempt = Pick<
  typeof webhookDeliveries.$inferInsert,
  'attempts' | 'lastStatusCode' | 'lastError' | 'status' | 'nextAttemptAt' | 'updatedAt'
>;

/** Records one attempt's outcome (and the next attempt's time). */
export async function recordAttempt(store: Store, id: number, a: Attempt): Promise<void> {
  await builder(store).update(webhookDeliveries).set(a).where(eq(webhookDeliveries.id, id));
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

export async function listDeliveries(store: Store, opts: { limit: number; ruleId?: number }): Promise<DeliveryItem[]> {
  const found = await builder(store)
    .select()
    .from(webhookDeliveries)
    .where(opts.ruleId ? eq(webhookDeliveries.ruleId, opts.ruleId) : undefined)
    .orderBy(desc(webhookDeliveries.id))
    .limit(opts.limit);
  return found.map((d) => ({
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
