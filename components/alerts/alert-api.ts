'use client';
import { useCallback, useSyncExternalStore } from 'react';
import type { AlertItem } from '@/db/queries/alerts';

export type { AlertItem };
export interface AlertPage {
  items: AlertItem[];
  nextCursor: string | null;
  counts: { firing: number; acknowledged: number; resolved: number };
}

/**
 * Until every analyst signs in, writes may carry an API token that the browser keeps for this
 * tab only (sessionStorage, never localStorage). A signed-in session cookie also works.
 */
const TOKEN_KEY = 'fw-api-token';
const listeners = new Set<() => void>();
function readToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}
export function useApiToken(): [string, (t: string) => void] {
  const token = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    readToken,
    () => '',
  );
  const set = useCallback((t: string) => {
    try {
      if (t) sessionStorage.setItem(TOKEN_KEY, t.trim());
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      /* storage disabled: the token just is not kept */
    }
    listeners.forEach((l) => l());
  }, []);
  return [token, set];
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** JSON fetch that sends the tab's API token (if any) and turns `{ error }` bodies into ApiError. */
export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
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
