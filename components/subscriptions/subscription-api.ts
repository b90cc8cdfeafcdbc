import { apiFetch } from '@/components/alerts/alert-api';
import type { MailDelivery, Subscription } from '@/lib/subscriptions/schema';
import type { SavedView } from '@/lib/views/schema';

export interface SubscriptionList {
  items: Subscription[];
  mailConfigured: boolean;
}

export const subscriptionsQuery = {
  queryKey: ['subscriptions'] as const,
  queryFn: () => apiFetch<SubscriptionList>('/api/subscriptions'),
};

export const deliveriesQuery = (id: number) => ({
  queryKey: ['subscriptions', id, 'deliveries'] as const,
  queryFn: () => apiFetch<{ items: MailDelivery[] }>(`/api/subscriptions/${id}/deliveries`),
});

export const viewsQuery = {
  queryKey: ['views'] as const,
  queryFn: () => apiFetch<{ items: SavedView[] }>('/api/views'),
};

/** A failed write: the API's message and its field issues, for the form to show under each field. */
export class SubscriptionWriteError extends Error {
  constructor(
    message: string,
    readonly issues: { path?: string; message: string }[],
  ) {
    super(message);
  }
}

export async function writeSubscription<T>(path: string, method: 'POST' | 'PATCH' | 'DELETE', body?: unknown): Promise<T | undefined> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  if (res.status === 204) return undefined;
  const data = (await res.json().catch(() => null)) as
    (T & { error?: { message?: string; issues?: SubscriptionWriteError['issues'] } }) | null;
  if (!res.ok) throw new SubscriptionWriteError(data?.error?.message ?? `Request failed (${res.status})`, data?.error?.issues ?? []);
  return data ?? undefined;
}
