import Link from 'next/link';
import type { AlertItem } from './alert-api';
import type { IncidentItem } from '@/lib/incidents/item';
import { alertMapHref } from '@/lib/alerts/alert-link';
import { formatInstantIn } from '@/lib/time/calendar-text';
import { PageShell } from '@/components/ui/page-shell';
import { formatCount, formatOccurred } from '@/components/incidents/format';
import { AlertActions } from './alert-actions';
import { SeverityBadge } from './severity-badge';
import './alerts.css';

/** More rows than an analyst reads on one page; the map link opens the rule's filter with them all. */
export const ALERT_INCIDENTS_SHOWN = 200;

const when = (iso: string | undefined, timeZone: string) => (iso ? formatInstantIn(Date.parse(iso), timeZone) : '');

function stateLine(a: AlertItem, timeZone: string): string {
  if (a.status === 'resolved') return `Resolved by ${a.resolvedBy ?? 'someone'} at ${when(a.resolvedAt, timeZone)}`;
  if (a.status === 'acknowledged')
    return `Acknowledged by ${a.acknowledgedBy ?? 'someone'} at ${when(a.acknowledgedAt, timeZone)}${a.ackNote ? ` — “${a.ackNote}”` : ''}`;
  return 'Firing: nobody has acknowledged it yet';
}

/** One alert as a page: what fired and when, its state and actions, its incidents with links to each on the map. */
export function AlertDetail(props: { alert: AlertItem; incidents: IncidentItem[]; canAct: boolean; timeZone: string }) {
  const { alert: a, incidents, canAct, timeZone } = props;
  // The page reads only the first ALERT_INCIDENTS_SHOWN ids; of those, any not found were deleted.
  const missing = Math.min(a.incidentIds.length, ALERT_INCIDENTS_SHOWN) - incidents.length;
  return (
    <PageShell title={`Alert ${a.id}`} intro={a.summary}>
      <section className="fw-card fw-alert-page" aria-label="Alert" data-testid="alert-detail" data-alert-id={a.id} data-status={a.status}>
        <p className="fw-alert-head">
          <SeverityBadge severity={a.severity} />
          <span className="fw-alert-rule">
            Rule: <Link href="/rules">{a.ruleName}</Link>
          </span>
        </p>
        <p>
          Fired{' '}
          <time dateTime={a.firedAt} className="tabular">
            {when(a.firedAt, timeZone)}
          </time>
        </p>
        <p data-testid="alert-state">{stateLine(a, timeZone)}</p>
        <p className="fw-row">
          <Link href={alertMapHref(a)} className="fw-button fw-button-primary" data-testid="alert-show-on-map">
            Show on map
          </Link>
          {canAct && a.status !== 'resolved' && <AlertActions id={a.id} status={a.status} />}
        </p>
      </section>
      <h2>
        Incidents <span className="fw-muted tabular">({a.incidentIds.length.toLocaleString('en-US')})</span>
      </h2>
      {a.incidentIds.length === 0 && (
        <p className="fw-empty-state">This alert names no single incident; “Show on map” opens the filter and time window it was about.</p>
      )}
      {missing > 0 && (
        <p className="fw-notice" role="status">
          {missing === 1 ? 'One incident has' : `${missing} incidents have`} since been deleted.
        </p>
      )}
      {incidents.length > 0 && (
        <div className="fw-table-scroll">
          <table className="fw-data" data-testid="alert-incidents">
            <thead>
              <tr>
                <th>When</th>
                <th>What</th>
                <th>Group</th>
                <th>Where</th>
                <th className="fw-num">Killed</th>
                <th className="fw-num">Injured</th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((i) => (
                <tr key={i.id} data-incident-id={i.id}>
                  <td className="fw-nowrap">{formatOccurred(i, timeZone)}</td>
                  <td>
                    <Link href={alertMapHref({ details: a.details, incidentIds: [i.id] })}>{i.subEventType || i.eventType}</Link>
                  </td>
                  <td>{i.groupName}</td>
                  <td>{[i.location, i.regionName].filter(Boolean).join(', ') || i.country}</td>
                  <td className="fw-num">{formatCount(i.killed)}</td>
                  <td className="fw-num">{formatCount(i.injured)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {a.incidentIds.length > ALERT_INCIDENTS_SHOWN && (
        <p className="fw-muted">
          The first {ALERT_INCIDENTS_SHOWN} of {a.incidentIds.length.toLocaleString('en-US')} incidents; “Show on map” opens the rule’s
          filter and time window with all of them.
        </p>
      )}
    </PageShell>
  );
}
