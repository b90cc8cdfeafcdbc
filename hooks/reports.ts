'use client';
import { infiniteQueryOptions, keepPreviousData, queryOptions, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ReportItem, ReportPage, ReportStatus, ReportSummary, SourceItem } from '@/lib/intake/report-types';
import { refetchAfterWrite } from './after-write';
import { fetchJson } from './queries';
import { subscribeStream } from './stream-connection';

export type { ReportPage } from '@/lib/intake/report-types';
/** The `report` event's data on /api/stream: a summary, never the text. */
export type ReportEvent = ReportSummary;

export interface QueueFilter {
  status: ReportStatus;
  sourceId: number | null;
  region: string | null;
  /** Words that must all occur in the title or the text. */
  q: string | null;
}

/** Every report query starts with this, so one invalidation refreshes the queue, the report and the count. */
export const REPORTS_KEY = ['intake-reports'] as const;
export const QUEUE_PAGE_SIZE = 50;

export function queueParams(f: QueueFilter, cursor: string | null): string {
  const p = new URLSearchParams({ status: f.status, limit: String(QUEUE_PAGE_SIZE) });
  if (f.sourceId !== null) p.set('sourceId', String(f.sourceId));
  if (f.region) p.set('region', f.region);
  if (f.q) p.set('q', f.q);
  if (cursor) p.set('cursor', cursor);
  return p.toString();
}

/** The queue, newest first, one page per "Show more". */
export const reportQueueQuery = (f: QueueFilter) =>
  infiniteQueryOptions({
    queryKey: [...REPORTS_KEY, 'list', f.status, f.sourceId, f.region, f.q],
    queryFn: ({ signal, pageParam }) => fetchJson<ReportPage>(`/api/reports?${queueParams(f, pageParam)}`, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });

export const reportQuery = (id: number) =>
  queryOptions({
    queryKey: [...REPORTS_KEY, 'one', id],
    queryFn: ({ signal }) => fetchJson<ReportItem>(`/api/reports/${id}`, signal),
  });

/** The navigation's count: `limit=0` answers only the total. */
export const newReportCountQuery = () =>
  queryOptions({
    queryKey: [...REPORTS_KEY, 'count', 'new'],
    queryFn: ({ signal }) => fetchJson<ReportPage>('/api/reports?status=new&limit=0', signal).then((p) => p.total),
    staleTime: 60_000,
  });

export const sourcesQuery = () =>
  queryOptions({
    queryKey: ['intake-sources'],
    queryFn: ({ signal }) => fetchJson<{ items: SourceItem[] }>('/api/sources', signal).then((p) => p.items),
    staleTime: 60_000,
  });

const pending = new WeakMap<QueryClient, ReturnType<typeof setTimeout>>();
/** One refetch of the report queries per burst of events, however many components listen. */
function refreshReports(client: QueryClient): void {
  if (pending.has(client)) return;
  pending.set(
    client,
    setTimeout(() => {
      pending.delete(client);
      // A list still on its first load may have been read before the event's report was stored:
      // cancelled and read again, not joined (hooks/after-write.ts).
      void refetchAfterWrite(client, [REPORTS_KEY]);
    }, 150),
  );
}

/**
 * Keeps every report query fresh from the live stream: a `report` event (created or decided)
 * refetches them, a few at a time (a feed poll can store fifty reports at once), and so do the
 * stream's opening and a reconnect. `onReport` sees each event, e.g. to mark new rows.
 */
export function useReportEvents(onReport?: (e: ReportEvent) => void): void {
  const client = useQueryClient();
  const onReportRef = useRef(onReport);
  useEffect(() => {
    onReportRef.current = onReport;
  });
  useEffect(() => {
    const refresh = () => refreshReports(client);
    const unsubscribe = subscribeStream({
      // Also once the stream is live: a report stored between the page's first read and the
      // stream's opening sends no event to this page.
      onStatus: (s, resumed) => (resumed || s === 'live') && refresh(),
      on: {
        report: (e) => {
          onReportRef.current?.(JSON.parse(e.data) as ReportEvent);
          refresh();
        },
      },
    });
    return unsubscribe;
  }, [client]);
}
