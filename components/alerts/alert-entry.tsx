'use client';
import { memo } from 'react';
import type { AlertItem } from './alert-api';
import { SeverityBadge } from './severity-badge';
import { alertMapHref, alertPath } from '@/lib/alerts/alert-link';

// One formatter for every entry: toLocaleString builds a new one per call, which adds up over a list.
// The app's date form ("5 Dec 2026") with the time and the reader's zone named.
const TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});
const formatTime = (iso: string) => TIME.format(new Date(iso));

/** Dashboard URL for an alert: the filter it was about, with its first incident selected. */
export const alertHref = (a: AlertItem): string => alertMapHref(a);

/** Memoised: a live alert adds one entry without re-rendering the other forty-nine. */
export const AlertEntry = memo(function AlertEntry(props: {
  alert: AlertItem;
  busy: boolean;
  onOpen: (a: AlertItem) => void;
  onAct: (a: AlertItem, action: 'acknowledge' | 'resolve') => void;
}) {
  const { alert: a, busy, onOpen, onAct } = props;
  return (
    <li
      className={`fw-alert fw-alert-${a.severity} fw-alert-${a.status}`}
      data-testid="alert-item"
      data-status={a.status}
      data-alert-id={a.id}
    >
      <button type="button" className="fw-alert-open" onClick={() => onOpen(a)} aria-label={`Show alert ${a.id} on the map: ${a.summary}`}>
        <span className="fw-alert-head">
          <SeverityBadge severity={a.severity} />
          <span className="fw-alert-rule">{a.ruleName}</span>
          <time className="fw-muted tabular" dateTime={a.firedAt} title={a.firedAt}>
            {formatTime(a.firedAt)}
          </time>
        </span>
        <span className="fw-alert-summary tabular">{a.summary}</span>
      </button>
      <span className="fw-alert-foot">
        <span className="fw-alert-status" data-testid="alert-status">
          {a.status === 'firing' && 'Firing'}
          {a.status === 'acknowledged' && `Acknowledged by ${a.acknowledgedBy ?? 'someone'}${a.ackNote ? ` — “${a.ackNote}”` : ''}`}
          {a.status === 'resolved' && `Resolved by ${a.resolvedBy ?? 'someone'}`}
        </span>
        <a href={alertPath(a.id)} className="fw-alert-details" data-testid="alert-details-link" aria-label={`Details of alert ${a.id}`}>
          Details
        </a>
        {a.status === 'firing' && (
          <button type="button" className="fw-button" disabled={busy} onClick={() => onAct(a, 'acknowledge')}>
            Acknowledge
          </button>
        )}
        {a.status !== 'resolved' && (
          <button type="button" className="fw-button" disabled={busy} onClick={() => onAct(a, 'resolve')}>
            Resolve
          </button>
        )}
      </span>
    </li>
  );
});
