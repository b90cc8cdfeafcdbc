'use client';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { SiteNav } from '@/components/ui/site-nav';
import { reportQuery, reportQueueQuery, useReportEvents, type QueueFilter } from '@/hooks/reports';
import { ApiError } from '@/hooks/queries';
import { PasteReport } from './paste-report';
import { QueueFilters } from './queue-filters';
import { triageSearch, type TriageUrlState } from './queue-url';
import { queueOrder, ReportQueue } from './report-queue';
import { ReportView } from './report-view';
import { useShortcuts } from './use-shortcuts';
import './triage.css';

interface Props {
  initial: TriageUrlState;
  /** Analysts and admins decide; viewers read. The server checks again on every decision. */
  canDecide: boolean;
  timeZone: string;
}

/** /triage: the queue of reports on the left, the open report on the right; the URL holds both. */
export function TriagePage({ initial, canDecide, timeZone }: Props) {
  const [filter, setFilterState] = useState<QueueFilter>(initial.filter);
  const [chosen, setChosen] = useState<number | null>(initial.report);
  const [arrived, setArrived] = useState<ReadonlySet<number>>(new Set());
  const queue = useInfiniteQuery(reportQueueQuery(filter));
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];
  const total = queue.data?.pages[0]?.total ?? 0;
  const order = queueOrder(items);
  // With nothing chosen the first report of the queue is open, so `a`/`d` work right away.
  const current = chosen ?? order[0] ?? null;
  const report = useQuery({ ...reportQuery(current ?? 0), enabled: current !== null });

  useReportEvents((e) => {
    if (e.status === 'new') setArrived((s) => new Set(s).add(e.id));
  });
  useEffect(() => {
    const search = triageSearch({ filter, report: chosen });
    if (search !== window.location.search) window.history.replaceState(window.history.state, '', `/triage${search}`);
  }, [filter, chosen]);

  const step = (by: number) => {
    if (!order.length) return;
    const at = current === null ? -1 : order.indexOf(current);
    setChosen(order[Math.min(order.length - 1, Math.max(0, at + by))]);
  };
  useShortcuts({ j: () => step(1), k: () => step(-1) });
  const detail = useRef<HTMLDivElement>(null);
  // On a phone the report sits below the queue: picking one scrolls to it.
  const pick = (id: number) => {
    setChosen(id);
    if (window.matchMedia('(max-width: 900px)').matches) requestAnimationFrame(() => detail.current?.scrollIntoView({ block: 'start' }));
  };
  const setFilter = (f: QueueFilter) => {
    setFilterState(f);
    setChosen(null);
  };
  const onDecided = () => {
    // Move on to the report below (or above, at the end of the queue): it stays where the eye is.
    const at = current === null ? -1 : order.indexOf(current);
    const rest = order.filter((id) => id !== current);
    setChosen(rest[Math.min(Math.max(at, 0), rest.length - 1)] ?? null);
  };

  return (
    <div className="fw-triage">
      <header className="fw-header">
        <h1>Triage</h1>
        <p className="fw-count">
          <span className="tabular" data-testid="queue-total">
            {queue.data ? total.toLocaleString('en-US') : '–'}
          </span>{' '}
          {filter.status} report{total === 1 ? '' : 's'}
        </p>
        <span className="fw-muted fw-zone">Dates in {timeZone}</span>
        <SiteNav current="/triage" />
        <p className="fw-hint fw-muted" id="fw-triage-keys">
          Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous report
          {canDecide && (
            <>
              {' '}
              · <kbd>a</kbd> accept · <kbd>m</kbd> merge · <kbd>d</kbd> dismiss
            </>
          )}{' '}
          (not while typing in a field)
        </p>
      </header>
      <QueueFilters filter={filter} onChange={setFilter} />
      <main className="fw-triage-main">
        <section className="fw-panel fw-triage-queue" aria-label="Report queue" aria-busy={queue.isFetching}>
          {canDecide && <PasteReport onCreated={setChosen} />}
          {queue.error && <p role="alert">Could not load the queue: {queue.error.message}</p>}
          {queue.data && items.length === 0 && (
            <p className="fw-muted fw-pad">
              {filter.status === 'new'
                ? 'No new reports. They arrive from the news feeds an admin adds under /api/sources, and from reports pasted with POST /api/reports (docs/intake.md).'
                : `No ${filter.status} reports for these filters.`}
            </p>
          )}
          <ReportQueue items={items} selected={current} onSelect={pick} arrived={arrived} timeZone={timeZone} />
          {queue.hasNextPage && (
            <button
              type="button"
              className="fw-button fw-pad"
              onClick={() => void queue.fetchNextPage()}
              disabled={queue.isFetchingNextPage}
            >
              Show more
            </button>
          )}
        </section>
        <div className="fw-triage-detail" ref={detail}>
          {report.error && (
            <p role="alert" className="fw-panel fw-pad">
              {report.error instanceof ApiError && report.error.status === 404
                ? `Report #${current} does not exist.`
                : report.error.message}
            </p>
          )}
          {report.data && (
            <ReportView key={report.data.id} report={report.data} canDecide={canDecide} timeZone={timeZone} onDecided={onDecided} />
          )}
        </div>
      </main>
    </div>
  );
}
