import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Facets, IncidentPage, MapResponse, Timeline } from '@/lib/contract';
import type { IncidentDetail } from '@/lib/incidents/item';

/** Query keys start with the endpoint so live updates can invalidate by prefix. */
export const LIVE_KEYS = [['facets'], ['timeline'], ['map'], ['incidents']] as const;

export type { MapResponse } from '@/lib/contract';
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new ApiError(res.status, body?.error?.message ?? `Request failed (${res.status})`);
  }
  return (await res.json()) as T;
}

const join = (path: string, qs: string) => (qs ? `${path}?${qs}` : path);

export const facetsQuery = (qs: string) =>
  queryOptions({
    queryKey: ['facets', qs],
    queryFn: ({ signal }) => fetchJson<Facets>(join('/api/incidents/facets', qs), signal),
    placeholderData: keepPreviousData,
  });

export const timelineQuery = (qs: string) =>
  queryOptions({
    queryKey: ['timeline', qs],
    queryFn: ({ signal }) => fetchJson<Timeline>(join('/api/incidents/timeline', qs), signal),
    placeholderData: keepPreviousData,
  });

export const mapQuery = (qs: string, bbox: string, zoom: number) =>
  queryOptions({
    queryKey: ['map', qs, bbox, zoom],
    queryFn: ({ signal }) =>
      fetchJson<MapResponse>(join('/api/map', [qs, `bbox=${bbox}`, `zoom=${zoom}`].filter(Boolean).join('&')), signal),
    placeholderData: keepPreviousData,
  });

export const PAGE_SIZE = 25;
export const incidentPageQuery = (qs: string, cursor: string | null) =>
  queryOptions({
    queryKey: ['incidents', qs, cursor],
    queryFn: ({ signal }) =>
      fetchJson<IncidentPage>(
        join('/api/incidents', [qs, `limit=${PAGE_SIZE}`, cursor ? `cursor=${cursor}` : ''].filter(Boolean).join('&')),
        signal,
      ),
    placeholderData: keepPreviousData,
  });

export const incidentQuery = (id: number) =>
  queryOptions({ queryKey: ['incident', id], queryFn: ({ signal }) => fetchJson<IncidentDetail>(`/api/incidents/${id}`, signal) });
