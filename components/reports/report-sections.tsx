import { revisedSinceFirstPublished } from '@/lib/reports/revisions';
import { formatCalendarDate } from '@/lib/time/calendar-text';
import { formatUtc } from '@/lib/time/format-utc';
import Link from 'next/link';
import type { WeeklyReport } from '@/lib/reports/types';
import { IncidentList } from './incident-list';

export function AlertsSection({ report }: { report: WeeklyReport }) {
  return (
    <section className="report-section" aria-labelledby="alerts-title">
      <h2 id="alerts-title">Alerts fired that week</h2>
      {report.alerts.length === 0 ? (
        <p className="fw-muted fw-small">
          No alerts fired between {formatCalendarDate(report.start)} and {formatCalendarDate(report.end)} ({report.timeZone}).
        </p>
      ) : (
        <ul className="fw-small" data-testid="report-alerts">
          {report.alerts.map((a) => (
            <li key={a.id}>
              <span className={`severity severity-${a.severity}`}>{a.severity}</span> {a.summary}{' '}
              <span className="fw-muted">
                {a.ruleName} · {formatUtc(Date.parse(a.firedAt))} · {a.status}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ActorsAndBorderSection({ report }: { report: WeeklyReport }) {
  return (
    <section className="report-section" aria-labelledby="actors-title">
      <h2 id="actors-title">New actors in regions</h2>
      {report.newActors.length === 0 ? (
        <p className="fw-muted fw-small">No group appeared in a monitored region for the first time.</p>
      ) : (
        <ul className="fw-small" data-testid="new-actors">
          {report.newActors.map((a) => (
            <li key={`${a.region}/${a.group}`}>
              {a.groupName} in {a.regionName}: {a.incidents} this week, first{' '}
              <Link href={`/?incident=${a.firstIncidentId}`}>incident {a.firstIncidentId}</Link>
            </li>
          ))}
        </ul>
      )}
      <h2 className="report-subhead">Cross-border incidents ({report.crossBorderCount})</h2>
      <IncidentList items={report.crossBorder} empty="No cross-border incidents this week." testId="cross-border" />
    </section>
  );
}

export function ProvenanceSection({ report }: { report: WeeklyReport }) {
  const p = report.provenance;
  return (
    <section className="report-section fw-small" aria-labelledby="provenance-title" data-testid="provenance">
      <h2 id="provenance-title">Data notes</h2>
      {p.demo > 0 && (
        <p role="note" className="demo-notice">
          {p.demo} of {report.totals.incidents} incidents this week are synthetic demo data, not real events.
        </p>
      )}
      <p>
        Provenance: {p.demo} synthetic demo data · {p.imported} imported · {p.live} live.
      </p>
      {report.revisions.deleted + report.revisions.updated > 0 && (
        <p role="note" data-testid="revised-since-published">
          {revisedSinceFirstPublished(report.revisions)}
        </p>
      )}
      <p>
        Imprecise dates (week or month precision), counted in the week of their stored date: {report.imprecise.count}
        {report.imprecise.ids.length > 0 && (
          <>
            {' '}
            (incidents{' '}
            {report.imprecise.ids.slice(0, 20).map((id, n) => (
              <span key={id}>
                {n > 0 && ', '}
                <Link href={`/?incident=${id}`}>{id}</Link>
              </span>
            ))}
            {report.imprecise.ids.length > 20 ? ', …' : ''})
          </>
        )}
        .
      </p>
      <p className="fw-muted">
        Weeks are ISO weeks, Monday to Sunday, in {report.timeZone}: {formatUtc(Date.parse(report.startsAt))} to{' '}
        {formatUtc(Date.parse(report.endsAt))}.
      </p>
    </section>
  );
}

/** The week's claims and denials from the incidents' claims ledgers. */
export function ClaimsSection({ report }: { report: WeeklyReport }) {
  return (
    <section className="report-section" aria-labelledby="claims-title">
      <h2 id="claims-title">Claims and denials</h2>
      {report.claims.length === 0 ? (
        <p className="fw-muted fw-small">No group claimed or denied an incident in reports published this week.</p>
      ) : (
        <ul className="fw-small" data-testid="report-claims">
          {report.claims.map((c, n) => (
            <li key={n}>
              {c.groupName} {c.kind === 'claim' ? 'claimed' : 'denied'}
              {c.by && <span className="fw-muted"> ({c.by})</span>} <Link href={c.link}>incident {c.incidentId}</Link>{' '}
              <span className="fw-muted">
                of {formatCalendarDate(c.incidentDate)}, {c.place} · reported {formatCalendarDate(c.at.slice(0, 10))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
