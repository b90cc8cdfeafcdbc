import type { AlertItem } from '@/lib/contract';

export type AlertStatus = AlertItem['status'];

/** Alerts per page on the dashboard panel (GET /api/alerts?limit=). */
export const ALERT_PAGE_SIZE = 50;

export interface AlertPageData {
  items: AlertItem[];
  nextCursor: string | null;
  counts: Record<AlertStatus, number>;
}

/**
 * An alert from the live stream applied to one cached page of GET /api/alerts (newest first,
 * `status` filter, at most `limit` items): counts move from its previous status (`undefined` for a
 * new alert), and the item is inserted, replaced or dropped as the filter says.
 */
export function applyAlert(
  page: AlertPageData,
  alert: AlertItem,
  statusFilter: string,
  previous: AlertStatus | undefined,
  limit: number,
): AlertPageData {
  const item = { ...alert, incidentIds: [...alert.incidentIds].sort((a, b) => a - b) };
  const counts = { ...page.counts };
  if (previous !== alert.status) {
    if (previous) counts[previous] = Math.max(0, counts[previous] - 1);
    counts[alert.status] += 1;
  }
  const others = page.items.filter((a) => a.id !== alert.id);
  if (statusFilter && statusFilter !== alert.status) return { ...page, items: others, counts };
  const last = page.items.at(-1);
  // An older alert beyond a full page stays on a later page.
  if (!page.items.some((a) => a.id === alert.id) && page.nextCursor && last && alert.id < last.id) return { ...page, counts };
  const items = [...others, item].sort((a, b) => b.id - a.id);
  if (items.length <= limit) return { ...page, items, counts };
  const kept = items.slice(0, limit);
  return { items: kept, counts, nextCursor: String(kept.at(-1)!.id) };
}

/**
 * The status the cached pages last knew for the alert: `undefined` when it is newer than every
 * cached alert (it just fired), `null` when it cannot be told (the caller refetches).
 */
export function previousStatus(pages: AlertPageData[], alert: AlertItem): AlertStatus | undefined | null {
  for (const p of pages) {
    const known = p.items.find((a) => a.id === alert.id);
    if (known) return known.status;
  }
  const newest = Math.max(0, ...pages.flatMap((p) => p.items.map((a) => a.id)));
  return alert.status === 'firing' && alert.id > newest ? undefined : null;
}
