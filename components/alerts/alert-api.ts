import type { AlertItem } from '@/db/queries/alerts';
import { ALERT_PAGE_SIZE } from '@/lib/live/patch-alert';

export type { AlertItem };
export interface AlertPage {
  items: AlertItem[];
  nextCursor: string | null;
  counts: { firing: number; acknowledged: number; resolved: number };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Same-origin JSON fetch: the session cookie authenticates it (and passes the CSRF check); `{ error }` bodies become ApiError. */
export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    cache: 'no-store',
  });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) throw new ApiError(res.status, data?.error?.message ?? `Request failed (${res.status})`);
  return data as T;
}

export const ALERTS_POLL_MS = 3000;
export const alertsQuery = (status: string) => ({
  queryKey: ['alerts', 'list', status] as const,
  queryFn: () => apiFetch<AlertPage>(`/api/alerts?limit=${ALERT_PAGE_SIZE}${status ? `&status=${status}` : ''}`),
  // The live stream writes alert events into this cache at once; polling reconciles it with the server.
  refetchInterval: ALERTS_POLL_MS,
  staleTime: 0,
});
