import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { subscriptions } from '@/db/schema';
import type { Store } from '@/db/store';
import { builder, transact } from '@/db/engine';
import type { Subscription } from '@/lib/subscriptions/schema';
import { audit } from './audit';
import { hashConfirmToken, lastAlertId, selectRows, toSubscription } from './subscription-rows';

/** What the links in mails do, without sign-in: unsubscribe (signed token) and confirm an address (hashed token). */

/** The signed one-click unsubscribe: disables the subscription; true when it exists. Idempotent. */
export async function unsubscribe(store: Store, id: number, now = Date.now()): Promise<Subscription | null> {
  return transact(store, async (tx) => {
    const [before] = await selectRows(tx, eq(subscriptions.id, id));
    if (!before) return null;
    if (before.enabled) {
      await builder(tx).update(subscriptions).set({ enabled: false, updatedAt: now }).where(eq(subscriptions.id, id));
      await audit(tx, {
        actor: `unsubscribe:${before.email}`,
        action: 'unsubscribe',
        entity: 'subscription',
        entityId: id,
        before: { enabled: true },
        after: { enabled: false },
        at: now,
      });
    }
    return toSubscription({ ...before, enabled: false });
  });
}

/** The confirmation link: marks the address confirmed; null for an unknown or used token. */
export async function confirmSubscription(store: Store, token: string, now = Date.now()): Promise<Subscription | null> {
  if (!token || token.length > 200) return null;
  return transact(store, async (tx) => {
    const [row] = await builder(tx)
      .update(subscriptions)
      // Alerts start from the confirmation, not from when the subscription was asked for.
      .set({ confirmedAt: now, confirmTokenHash: null, alertCursor: await lastAlertId(tx), updatedAt: now })
      .where(eq(subscriptions.confirmTokenHash, hashConfirmToken(token)))
      .returning({ id: subscriptions.id, email: subscriptions.email });
    if (!row) return null;
    await audit(tx, { actor: `confirm:${row.email}`, action: 'confirm', entity: 'subscription', entityId: row.id, at: now });
    const [full] = await selectRows(tx, eq(subscriptions.id, row.id));
    return toSubscription(full);
  });
}

/**
 * A fresh confirmation token for a subscription still waiting for its address to confirm (null once
 * confirmed): each confirmation mail carries a new one, so no usable token is ever stored, only its
 * hash, and only the latest mail's link works.
 */
export async function rotateConfirmToken(store: Store, id: number, now = Date.now()): Promise<string | null> {
  const token = randomBytes(32).toString('base64url');
  const [row] = await builder(store)
    .update(subscriptions)
    .set({ confirmTokenHash: hashConfirmToken(token), updatedAt: now })
    .where(and(eq(subscriptions.id, id), isNull(subscriptions.confirmedAt)))
    .returning({ id: subscriptions.id });
  return row ? token : null;
}
