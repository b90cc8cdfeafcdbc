import { randomBytes } from 'node:crypto';
import { and, count, eq, or, type SQL } from 'drizzle-orm';
import { savedViews, subscriptions, users } from '@/db/schema';
import type { Store } from '@/db/store';
import { builder, transact } from '@/db/engine';
import { AppError } from '@/lib/errors';
import {
  SUBSCRIPTIONS_PER_USER_MAX,
  type Subscription,
  type SubscriptionCreateInput,
  type SubscriptionFilter,
  type SubscriptionPatchInput,
} from '@/lib/subscriptions/schema';
import { audit } from './audit';
import { hashConfirmToken, lastAlertId, selectRows, toSubscription } from './subscription-rows';

export { hashConfirmToken, subscriptionOwner } from './subscription-rows';
export { confirmSubscription, rotateConfirmToken, unsubscribe } from './subscription-links';

/** Who asks: a signed-in user (their own subscriptions) or an admin (anyone's). */
export interface SubscriptionAsker {
  /** The principal id for the audit log (`user:3`, `token:7`, `cli`). */
  id: string;
  /** The asking user's id; null for an API token or the CLI. */
  userId: number | null;
  admin: boolean;
}

/** A created or changed subscription, with the confirmation token when its address must confirm first. */
export interface SubscriptionWrite {
  subscription: Subscription;
  /** Only returned here, never stored: the link in the confirmation mail. */
  confirmToken: string | null;
}

/** What the asker may see: their own rows; admins every row. */
function visibleTo(asker: SubscriptionAsker): SQL | undefined {
  if (asker.admin) return undefined;
  return eq(subscriptions.userId, asker.userId ?? -1);
}

export async function listSubscriptions(store: Store, asker: SubscriptionAsker): Promise<Subscription[]> {
  return (await selectRows(store, visibleTo(asker))).map(toSubscription);
}

/** One subscription the asker may see; someone else's is a 404, exactly as a missing one. */
export async function readSubscription(store: Store, id: number, asker: SubscriptionAsker): Promise<Subscription> {
  const [row] = await selectRows(store, and(eq(subscriptions.id, id), visibleTo(asker)));
  if (!row) throw new AppError('not_found', `No subscription ${id}.`);
  return toSubscription(row);
}

/** By id, whoever owns it: for the delivery loop, the CLI and the signed unsubscribe link. */
export async function getSubscription(store: Store, id: number): Promise<Subscription | null> {
  const [row] = await selectRows(store, eq(subscriptions.id, id));
  return row ? toSubscription(row) : null;
}

async function ownerOf(tx: Store, userId: number) {
  const [u] = await builder(tx)
    .select({ id: users.id, email: users.email, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, userId));
  return u ?? null;
}

/** A saved view filter must name a view the OWNER can read (their own or a shared one). */
async function checkFilter(tx: Store, filter: SubscriptionFilter, ownerId: number): Promise<void> {
  if (!('viewId' in filter)) return;
  const owner = `user:${ownerId}`;
  const [v] = await builder(tx)
    .select({ id: savedViews.id })
    .from(savedViews)
    .where(and(eq(savedViews.id, filter.viewId), or(eq(savedViews.owner, owner), eq(savedViews.shared, true))));
  if (!v)
    throw new AppError('bad_request', `No saved view ${filter.viewId} that the owner can read.`, [
      { path: 'filter.viewId', message: 'is not a saved view the owner can read' },
    ]);
}

/**
 * Confirmation is asked when a non-admin subscribes an address that is not their account's: the
 * address owner must agree before anything else is mailed to it.
 */
function confirmation(asker: SubscriptionAsker, email: string, ownerEmail: string, now: number) {
  if (asker.admin || email === ownerEmail) return { confirmedAt: now, confirmTokenHash: null, token: null };
  const token = randomBytes(32).toString('base64url');
  return { confirmedAt: null, confirmTokenHash: hashConfirmToken(token), token };
}

export async function createSubscription(
  store: Store,
  input: SubscriptionCreateInput,
  asker: SubscriptionAsker,
  now = Date.now(),
): Promise<SubscriptionWrite> {
  const ownerId = input.userId ?? asker.userId;
  if (ownerId === null)
    throw new AppError('bad_request', 'An API token must name the owner: userId.', [
      { path: 'userId', message: 'is required for an API token' },
    ]);
  if (ownerId !== asker.userId && !asker.admin) throw new AppError('forbidden', 'Only an admin can subscribe on behalf of another user.');
  return transact(store, async (tx) => {
    const owner = await ownerOf(tx, ownerId);
    if (!owner || owner.disabledAt !== null)
      throw new AppError('bad_request', `No active user ${ownerId}.`, [{ path: 'userId', message: 'is not an active user' }]);
    await checkFilter(tx, input.filter, ownerId);
    const [{ n }] = await builder(tx).select({ n: count() }).from(subscriptions).where(eq(subscriptions.userId, ownerId));
    if (Number(n) >= SUBSCRIPTIONS_PER_USER_MAX)
      throw new AppError('conflict', `This account has ${SUBSCRIPTIONS_PER_USER_MAX} subscriptions; delete one to add another.`);
    const email = input.email ?? owner.email;
    const c = confirmation(asker, email, owner.email, now);
    const [row] = await builder(tx)
      .insert(subscriptions)
      .values({
        userId: ownerId,
        kind: input.kind,
        filter: JSON.stringify(input.filter),
        minSeverity: input.minSeverity,
        email,
        enabled: input.enabled,
        confirmedAt: c.confirmedAt,
        confirmTokenHash: c.confirmTokenHash,
        // A new alerts subscriber starts from the alerts fired from now on, not the whole history.
        alertCursor: await lastAlertId(tx),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: subscriptions.id });
    const [full] = await selectRows(tx, eq(subscriptions.id, row.id));
    const subscription = toSubscription(full);
    await audit(tx, { actor: asker.id, action: 'create', entity: 'subscription', entityId: row.id, after: subscription, at: now });
    return { subscription, confirmToken: c.token };
  });
}

export async function updateSubscription(
  store: Store,
  id: number,
  patch: SubscriptionPatchInput,
  asker: SubscriptionAsker,
  now = Date.now(),
): Promise<SubscriptionWrite> {
  return transact(store, async (tx) => {
    const [before] = await selectRows(tx, and(eq(subscriptions.id, id), visibleTo(asker)));
    if (!before) throw new AppError('not_found', `No subscription ${id}.`);
    if (patch.filter) await checkFilter(tx, patch.filter, before.userId);
    if (patch.minSeverity && before.kind !== 'alerts')
      throw new AppError('bad_request', 'minSeverity applies to alerts subscriptions only.', [
        { path: 'minSeverity', message: 'applies to alerts subscriptions only' },
      ]);
    const newEmail = patch.email !== undefined && patch.email !== before.email ? patch.email : null;
    const c = newEmail ? confirmation(asker, newEmail, before.ownerEmail, now) : null;
    await builder(tx)
      .update(subscriptions)
      .set({
        ...(patch.filter ? { filter: JSON.stringify(patch.filter) } : {}),
        ...(patch.minSeverity ? { minSeverity: patch.minSeverity } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        // Switched back on: alerts start from now, not with a batch of everything fired while it was off.
        ...(patch.enabled && !before.enabled ? { alertCursor: await lastAlertId(tx) } : {}),
        ...(newEmail && c ? { email: newEmail, confirmedAt: c.confirmedAt, confirmTokenHash: c.confirmTokenHash } : {}),
        updatedAt: now,
      })
      .where(eq(subscriptions.id, id));
    const [after] = await selectRows(tx, eq(subscriptions.id, id));
    const subscription = toSubscription(after);
    await audit(tx, {
      actor: asker.id,
      action: 'update',
      entity: 'subscription',
      entityId: id,
      before: toSubscription(before),
      after: subscription,
      at: now,
    });
    return { subscription, confirmToken: c?.token ?? null };
  });
}

export async function deleteSubscription(store: Store, id: number, asker: SubscriptionAsker, now = Date.now()): Promise<void> {
  await transact(store, async (tx) => {
    const [before] = await selectRows(tx, and(eq(subscriptions.id, id), visibleTo(asker)));
    if (!before) throw new AppError('not_found', `No subscription ${id}.`);
    await builder(tx).delete(subscriptions).where(eq(subscriptions.id, id));
    await audit(tx, { actor: asker.id, action: 'delete', entity: 'subscription', entityId: id, before: toSubscription(before), at: now });
  });
}
