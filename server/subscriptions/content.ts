import type { Store } from '@/db/store';
import { alertUrl } from '@/lib/alerts/alert-link';
import { getAlert } from '@/db/queries/alerts';
import { incidentItemsByIds } from '@/db/queries/incident-rows';
import { computeWeeklyReport, computeWeeklyTrend } from '@/db/queries/weekly';
import { weeklyCsvPieces } from '@/db/queries/weekly-export';
import type { IncidentItem } from '@/lib/incidents/item';
import type { Subscription } from '@/lib/subscriptions/schema';
import { resolveFilter } from './filter';
import type { AlertMailItem, AlertsMailArgs, MailPort, WeeklyMailArgs } from './mail-port';

/** Links every mail carries: one-click unsubscribe and the subscriptions page. */
export function mailLinks(port: MailPort, sub: Subscription) {
  return {
    unsubscribe: `${port.baseUrl}/api/subscriptions/unsubscribe?token=${encodeURIComponent(port.unsubscribeToken(sub.id))}`,
    manage: `${port.baseUrl}/subscriptions`,
  };
}

/**
 * The weekly brief of `week` for the subscription's filter: the same functions and options as
 * GET /api/reports/weekly and its CSV export, so the mail's numbers are the page's. The weekly
 * report reads the filter's groups, regions and datasets (the brief's own filters); the label names the rest.
 */
export async function weeklyArgs(store: Store, port: MailPort, sub: Subscription, week: string): Promise<WeeklyMailArgs> {
  const f = await resolveFilter(store, sub);
  const opts = { week, timeZone: port.timeZone, group: f.filter.group, region: f.filter.region, source: f.filter.source };
  const [report, trend] = await Promise.all([computeWeeklyReport(store, opts), computeWeeklyTrend(store, opts)]);
  let csv = '';
  for await (const piece of weeklyCsvPieces(store, opts)) csv += piece;
  const scope = new URLSearchParams();
  if (opts.group?.length) scope.set('group', opts.group.join(','));
  if (opts.region?.length) scope.set('region', opts.region.join(','));
  if (opts.source?.length) scope.set('source', opts.source.join(','));
  const qs = scope.toString();
  return {
    report,
    trend,
    filterLabel: f.label,
    csv,
    links: { ...mailLinks(port, sub), brief: `${port.baseUrl}/reports/weekly/${week}${qs ? `?${qs}` : ''}` },
    timeZone: port.timeZone,
    to: sub.email,
  };
}

function incidentTitle(i: IncidentItem): string {
  const where = [i.location, i.regionName].filter(Boolean).join(', ');
  return `${i.subEventType || i.eventType} — ${i.groupName}${where ? `, ${where}` : ''}`;
}

/** The batch's alerts (those still stored), each with its incidents and links to both. */
export async function alertsArgs(store: Store, port: MailPort, sub: Subscription, alertIds: number[]): Promise<AlertsMailArgs> {
  const found = (await Promise.all(alertIds.map((id) => getAlert(store, id)))).filter((a) => a !== null);
  const items = new Map((await incidentItemsByIds(store, [...new Set(found.flatMap((a) => a.incidentIds))])).map((i) => [i.id, i]));
  const alerts: AlertMailItem[] = found.map((a) => ({
    id: a.id,
    ruleName: a.ruleName,
    severity: a.severity,
    summary: a.summary,
    firedAt: Date.parse(a.firedAt),
    link: alertUrl(port.baseUrl, a.id),
    incidents: a.incidentIds.flatMap((id) => {
      const i = items.get(id);
      return i ? [{ id, title: incidentTitle(i), link: `${port.baseUrl}/?incident=${id}`, occurredAt: i.occurredAt }] : [];
    }),
  }));
  return { alerts, links: mailLinks(port, sub), timeZone: port.timeZone, to: sub.email };
}
