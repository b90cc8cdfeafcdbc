'use client';
import type { AlertItem } from '@/db/queries/alerts';

export type { AlertItem };
export interface AlertPage {
  items: AlertItem[];
  nextCursor: string | null;
  counts: { firing: number; acknowledged: number; resolved: number };
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Same-origin JSON fetch: the session cookie authenticates it (and passes the CSRF check); `{ error }` bodies become ApiError. */
export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), cache: 'no-store' });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) throw new ApiError(res.status, data?.error?.message ?? `Request failed (${res.status})`);
  return data as T;
}

export const ALERTS_POLL_MS = 3000;
export const alertsQuery = (status: string) => ({
  queryKey: ['alerts', 'list', status] as const,
  queryFn: () => apiFetch<AlertPage>(`/api/alerts?limit=50${status ? `&status=${status}` : ''}`),
  // Polling alone keeps "appears within 5 s"; the live stream (alert events) invalidates sooner.
  refetchInterval: ALERTS_POLL_MS,
  staleTime: 0,
});
