'use client';
import { useQuery } from '@tanstack/react-query';
import type { RefObject } from 'react';
import { alertsQuery } from '@/components/alerts/alert-api';

/**
 * The phone's dashboard toolbar (hidden on a wide screen, where the filters and the alert panel
 * are always on the page): one tap to the filters drawer, one to the alert panel. The firing
 * count reads the alert panel's own query, so it costs no request of its own.
 */
export function PhoneBar({
  activeFilters,
  open,
  onOpen,
  filtersButton,
  alertsButton,
}: {
  activeFilters: number;
  open: 'filters' | 'alerts' | null;
  onOpen: (which: 'filters' | 'alerts') => void;
  filtersButton: RefObject<HTMLButtonElement | null>;
  alertsButton: RefObject<HTMLButtonElement | null>;
}) {
  const alerts = useQuery(alertsQuery(''));
  const firing = alerts.data?.counts.firing;
  return (
    <div className="fw-phone-bar">
      <button
        ref={filtersButton}
        type="button"
        className="fw-button"
        aria-haspopup="dialog"
        aria-expanded={open === 'filters'}
        data-testid="open-filters"
        onClick={() => onOpen('filters')}
      >
        Filters
        {activeFilters > 0 && (
          <span className="fw-phone-count tabular" data-testid="active-filter-count">
            {activeFilters}
            <span className="sr-only"> active</span>
          </span>
        )}
      </button>
      <button
        ref={alertsButton}
        type="button"
        className="fw-button"
        aria-haspopup="dialog"
        aria-expanded={open === 'alerts'}
        data-testid="open-alerts"
        onClick={() => onOpen('alerts')}
      >
        Alerts
        <span className={`fw-phone-count tabular${firing ? ' is-firing' : ''}`} data-testid="firing-count">
          {firing ?? '–'}
          <span className="sr-only"> firing</span>
        </span>
      </button>
    </div>
  );
}
