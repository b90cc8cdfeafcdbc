import { createHash } from 'node:crypto';
import { asc, eq, max, type SQL } from 'drizzle-orm';
import { alerts, subscriptions, users } from '@/db/schema';
import type { Store } from '@/db/store';
import { builder } from '@/db/engine';
import type { Severity, Subscription, SubscriptionFilter } from '@/lib/subscriptions/schema';

/** What the subscriptions services share: the row as read (with its owner), its API shape, and small reads. */
export const COLUMNS = {
  id: subscriptions.id,
  userId: subscriptions.userId,
  kind: subscriptions.kind,
  filter: subscriptions.filter,
  minSeverity: subscriptions.minSeverity,
  email: subscriptions.email,
  enabled: subscriptions.enabled,
  confirmedAt: subscriptions.confirmedAt,
  createdAt: subscriptions.createdAt,
  updatedAt: subscriptions.updatedAt,
  ownerEmail: users.email,
  ownerName: users.name,
};
export type Row = {
  [K in keyof typeof COLUMNS]: K extends 'ownerEmail' | 'ownerName'
    ? string
    : (typeof subscriptions.$inferSelect)[K & keyof typeof subscriptions.$inferSelect];
};

export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
export const hashConfirmToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export function toSubscription(r: Row): Subscription {
  return {
    id: r.id,
    userId: r.userId,
    owner: { id: r.userId, email: r.ownerEmail, name: r.ownerName },
    kind: r.kind,
    filter: JSON.parse(r.filter) as SubscriptionFilter,
    minSeverity: (r.minSeverity as Severity | null) ?? null,
    email: r.email,
    enabled: r.enabled,
    confirmedAt: iso(r.confirmedAt),
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}

export async function selectRows(store: Store, where: SQL | undefined): Promise<Row[]> {
  return builder(store)
    .select(COLUMNS)
    .from(subscriptions)
    .innerJoin(users, eq(users.id, subscriptions.userId))
    .where(where)
    .orderBy(asc(subscriptions.userId), asc(subscriptions.id));
}

export async function lastAlertId(tx: Store): Promise<number> {
  const [{ last }] = await builder(tx)
    .select({ last: max(alerts.id) })
    .from(alerts);
  return Number(last ?? 0);
}

/** The owner's account as delivery checks it (kept here: db/services/users pulls the password hasher into the mail loop). */
export async function subscriptionOwner(store: Store, userId: number) {
  const [u] = await builder(store)
    .select({ id: users.id, email: users.email, role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, userId));
  return u ?? null;
}
