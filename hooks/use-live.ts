'use client';
import { notifyManager, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { AlertItem } from '@/lib/contract';
import type { IncidentDetail, IncidentItem } from '@/lib/incidents/item';
import { LIVE_KEYS } from '@/hooks/queries';
import { eventBurst, type IncidentEvent, type LiveEvent } from '@/lib/live/event-burst';
import { patchAlerts, patchCreatedIncident, type LiveView } from './live-cache';
import { ALERT_PAGE_SIZE } from '@/lib/live/patch-alert';
import { subscribeStream, type LiveStatus } from './stream-connection';
import { refetchAfterChange } from './after-write';

export type { LiveStatus };

export interface LiveHandlers {
  /** The filter the page shows: its cached responses are patched from events. */
  view: LiveView;
  onIncident: (item: IncidentItem) => void;
  onAlert?: (alert: AlertItem) => void;
}

const INVALIDATE_MS = 400;
/** Patched views are checked against the server once the stream has been quiet this long… */
const RECONCILE_MS = 3000;
/** …or at the latest this long after the first unchecked patch. */
const RECONCILE_MAX_MS = 15_000;

type Refresh = () => void;

/** Coalesced refetch of every dashboard view, `delay` ms after the last call (at most `maxWait` after the first). */
function debouncedRefetch(client: QueryClient, delay: number, maxWait: number): { run: Refresh; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let first = 0;
  const fire = () => {
    timer = undefined;
    first = 0;
    for (const key of LIVE_KEYS) refetchAfterChange(client, key);
  };
  return {
    run: () => {
      const now = Date.now();
      first ||= now;
      clearTimeout(timer);
      timer = setTimeout(fire, Math.max(0, Math.min(delay, first + maxWait - now)));
    },
    cancel: () => clearTimeout(timer),
  };
}

/**
 * An incident event: a new incident is patched into the cached views at once and checked later
 * (`reconcile`); an edit or a deletion can move rows between pages and filters, so it refetches.
 */
function onIncidentEvent(
  client: QueryClient,
  data: IncidentEvent,
  seq: number,
  handlers: LiveHandlers,
  refetch: Refresh,
  reconcile: Refresh,
): void {
  if ('deleted' in data) {
    client.removeQueries({ queryKey: ['incident', data.id] });
    refetch();
    return;
  }
  // The event carries the item, not its source records and claims (a merge changes both): keep the
  // cached ones and mark the detail stale, so an open detail refetches them and a later one fetches.
  client.setQueryData<IncidentDetail>(['incident', data.id], (old) => ({ sourceRecords: [], claims: [], ...old, ...data }));
  void client.invalidateQueries({ queryKey: ['incident', data.id], exact: true });
  // Delivered with the cache notifications, so the page's own state joins the same render.
  notifyManager.schedule(() => handlers.onIncident(data));
  const created = data.createdAt === data.updatedAt;
  if (created && patchCreatedIncident(client, data, seq, handlers.view)) reconcile();
  else refetch();
}

/**
 * A burst of events in one cache transaction: TanStack notifies every changed query in one
 * callback, so the list, map, counts and alert panel update in a single React commit. Alerts
 * (an incident can fire a dozen rules) are applied together, with one write per cached page.
 */
function applyBurst(client: QueryClient, events: LiveEvent[], handlers: LiveHandlers, refetch: Refresh, reconcile: Refresh): void {
  notifyManager.batch(() => {
    const alerts: AlertItem[] = [];
    for (const e of events) {
      if (e.kind === 'incident') onIncidentEvent(client, e.data, e.seq, handlers, refetch, reconcile);
      else if (e.kind === 'alert') alerts.push(e.data);
      else refetch();
    }
    if (!alerts.length) return;
    patchAlerts(client, alerts, ALERT_PAGE_SIZE);
    if (handlers.onAlert) for (const a of alerts) notifyManager.schedule(() => handlers.onAlert?.(a));
  });
}

/**
 * The dashboard's live views, fed by the tab's shared stream (hooks/stream-connection.ts). Incidents are de-duplicated by id and updatedAt and written into the TanStack caches
 * from the event; the affected views are refetched in the background to confirm. A large CSV
 * import arrives as one `import` event, on which every view refetches.
 */
export function useLiveStream(handlers: LiveHandlers): LiveStatus {
  const client = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    const seen = new Map<number, string>();
    const refetch = debouncedRefetch(client, INVALIDATE_MS, INVALIDATE_MS);
    const reconcile = debouncedRefetch(client, RECONCILE_MS, RECONCILE_MAX_MS);
    const burst = eventBurst((events) => applyBurst(client, events, handlersRef.current, refetch.run, reconcile.run));
    const unsubscribe = subscribeStream({
      onStatus: (s, resumed) => {
        setStatus(s);
        // Anything may have changed while disconnected: refetch once.
        if (resumed) refetch.run();
      },
      on: {
        incident: (e) => {
          const data = JSON.parse(e.data) as IncidentEvent;
          if (!('deleted' in data)) {
            if (seen.get(data.id) === data.updatedAt) return;
            seen.set(data.id, data.updatedAt);
          }
          burst.push({ kind: 'incident', data, seq: Number(e.lastEventId) });
        },
        // A large import is one event for the whole batch: refetch every live view.
        import: () => burst.push({ kind: 'import' }),
        alert: (e) => burst.push({ kind: 'alert', data: JSON.parse(e.data) as AlertItem }),
      },
    });
    return () => {
      unsubscribe();
      refetch.cancel();
      reconcile.cancel();
      burst.cancel();
    };
  }, [client]);

  return status;
}
