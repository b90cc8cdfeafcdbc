import Link from 'next/link';
import type { IncidentRef } from '@/lib/reports/types';
import { formatCalendarDate } from '@/lib/time/calendar-text';

/** Incidents with a link to their detail on the dashboard map. */
export function IncidentList({ items, empty, testId }: { items: IncidentRef[]; empty: string; testId: string }) {
  if (!items.length) return <p className="fw-muted fw-small">{empty}</p>;
  return (
    <ol className="incident-list fw-small" data-testid={testId}>
      {items.map((i) => (
        <li key={i.id}>
          <Link href={i.link}>
            {i.subEventType} — {i.place}
          </Link>{' '}
          <span className="fw-muted">
            {formatCalendarDate(i.date)}
            {i.timePrecision > 1 ? ` (${i.timePrecision === 2 ? 'week' : 'month'} precision)` : ''} · {i.groupName} ({i.claimStatus})
          </span>{' '}
          <span className="tabular">
            {i.killed ?? '?'} killed, {i.injured ?? '?'} injured
          </span>
        </li>
      ))}
    </ol>
  );
}
