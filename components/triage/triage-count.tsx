'use client';
import { useQuery } from '@tanstack/react-query';
import { newReportCountQuery, useReportEvents } from '@/hooks/reports';

/**
 * The number of reports waiting in /triage, for the navigation: read once, then kept current by
 * the live stream's `report` events (a new report adds one, a decision takes one away).
 */
export function TriageCount() {
  const count = useQuery(newReportCountQuery());
  useReportEvents();
  // Its place is held while loading, so the header's links do not move (or wrap) when it arrives.
  if (count.data === undefined) {
    return (
      <span className="fw-nav-count fw-nav-count-pending" aria-hidden>
        0
      </span>
    );
  }
  return (
    <>
      <span className="fw-nav-count tabular" data-testid="triage-count">
        {count.data.toLocaleString('en-US')}
      </span>
      <span className="sr-only"> new reports</span>
    </>
  );
}
