'use client';
import { useQuery } from '@tanstack/react-query';
import { newReportCountQuery, useReportEvents } from '@/hooks/reports';

/**
 * The number of reports waiting in /triage, for the navigation: read once, then kept current by
 * the live stream's `report` events (a new report adds one, a decision takes one away). Nothing
 * is shown until it is known, or when the reader may not see reports.
 */
export function TriageCount() {
  const count = useQuery(newReportCountQuery());
  useReportEvents();
  if (count.data === undefined) return null;
  return (
    <>
      {' '}
      <span className="fw-nav-count tabular" data-testid="triage-count">
        {count.data.toLocaleString('en-US')}
      </span>
      <span className="sr-only"> new reports</span>
    </>
  );
}
