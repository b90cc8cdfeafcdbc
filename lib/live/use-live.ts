'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { IncidentItem } from '@/lib/incidents/item';
import { LIVE_KEYS } from '@/lib/filters/queries';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export interface LiveHandlers {
  onIncident: (item: IncidentItem) => void;
  onAlert?: (alert: { id: number }) => void;
}

const INVALIDATE_MS = 400;
const MAX_BACKOFF_MS = 15_000;

/**
 * One EventSource to /api/stream for the page. The browser resends Last-Event-ID on its own
 * reconnects; when it gives up (server down, non-200), we reopen with ?lastEventId= after a
 * backoff. Incidents are de-duplicated by id and seq, and the list/map/count/timeline queries are
 * invalidated (coalesced) so every view refetches the same new state; a large CSV import arrives
 * as one `import` event, which invalidates them the same way.
 */
export function useLiveStream(handlers: LiveHandlers): LiveStatus {
  const client = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    let source: EventSource | null = null;
    let lastId: string | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let backoff = 1000;
    let stopped = false;
    const seen = new Map<number, string>();

    const invalidate = () => {
      flushTimer ??= setTimeout(() => {
        flushTimer = undefined;
        for (const key of LIVE_KEYS) void client.invalidateQueries({ queryKey: key });
      }, INVALIDATE_MS);
    };

    const open = () => {
      if (stopped) return;
      source = new EventSource(lastId ? `/api/stream?lastEventId=${encodeURIComponent(lastId)}` : '/api/stream');
      source.onopen = () => {
        backoff = 1000;
        setStatus('live');
        // Anything may have changed while disconnected: refetch once.
        if (lastId) invalidate();
      };
      source.addEventListener('incident', (ev) => {
        const e = ev as MessageEvent<string>;
        lastId = e.lastEventId || lastId;
        const data = JSON.parse(e.data) as IncidentItem | { id: number; deleted: true };
        if ('deleted' in data) {
          client.removeQueries({ queryKey: ['incident', data.id] });
          invalidate();
          return;
        }
        const item = data;
        if (seen.get(item.id) === item.updatedAt) return;
        seen.set(item.id, item.updatedAt);
        void client.setQueryData(['incident', item.id], item);
        handlersRef.current.onIncident(item);
        invalidate();
      });
      // A large import is one event for the whole batch: refetch every live view.
      source.addEventListener('import', (ev) => {
        lastId = (ev as MessageEvent<string>).lastEventId || lastId;
        invalidate();
      });
      source.addEventListener('alert', (ev) => {
        const e = ev as MessageEvent<string>;
        lastId = e.lastEventId || lastId;
        const alert = JSON.parse(e.data) as { id: number };
        void client.invalidateQueries({ queryKey: ['alerts'] });
        handlersRef.current.onAlert?.(alert);
      });
      source.onerror = () => {
        if (!source || source.readyState !== EventSource.CLOSED) {
          setStatus('reconnecting');
          return;
        }
        source.close();
        setStatus('reconnecting');
        retryTimer = setTimeout(open, backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      clearTimeout(flushTimer);
      source?.close();
    };
  }, [client]);

  return status;
}
