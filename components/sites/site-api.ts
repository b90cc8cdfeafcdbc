import { apiFetch } from '@/components/alerts/alert-api';
import type { Site } from '@/lib/alerts/types';

/** A failed site write: the API's message and its field issues (`{ path, message }`). */
export class SiteWriteError extends Error {
  constructor(
    message: string,
    readonly issues: { path?: string; message: string }[],
  ) {
    super(message);
  }
}

/** Same-origin JSON write (the session cookie authenticates it); keeps the API's field issues. */
export async function writeSite(path: string, method: 'POST' | 'PATCH' | 'DELETE', body?: unknown): Promise<Site | undefined> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  if (res.status === 204) return undefined;
  const data = (await res.json().catch(() => null)) as (Site & { error?: { message?: string; issues?: SiteWriteError['issues'] } }) | null;
  if (!res.ok) throw new SiteWriteError(data?.error?.message ?? `Request failed (${res.status})`, data?.error?.issues ?? []);
  return data ?? undefined;
}

/** /sites, the rules form and the dashboard map read the list under one key: an edit refreshes all three. */
export const sitesQuery = {
  queryKey: ['alerts', 'sites'] as const,
  queryFn: () => apiFetch<{ items: Site[] }>('/api/sites'),
  staleTime: 60_000,
};
