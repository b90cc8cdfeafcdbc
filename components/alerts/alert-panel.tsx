'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { refetchAfterWrite } from '@/hooks/after-write';
import { alertsQuery, apiFetch, type AlertItem } from './alert-api';
import { AlertEntry, alertHref } from './alert-entry';
import { useCriticalNotify } from './critical-notify';
import './alerts.css';

const FILTERS = [
  { value: '', label: 'All' },
  { value: 'firing', label: 'Firing' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'resolved', label: 'Resolved' },
] as const;

/** Live alert feed for the dashboard: newest first, counts by state, acknowledge/resolve. */
export function AlertPanel() {
  const [status, setStatus] = useState('');
  const [notify, setNotify] = useState(false);
  const router = useRouter();
  const client = useQueryClient();
  const alerts = useQuery(alertsQuery(status));
  useCriticalNotify(alerts.data?.items, notify);
  const act = useMutation({
    mutationFn: ({ a, action }: { a: AlertItem; action: 'acknowledge' | 'resolve' }) =>
      apiFetch<AlertItem>(`/api/alerts/${a.id}/${action}`, { method: 'POST' }),
    onSettled: () => refetchAfterWrite(client, [['alerts']]),
  });
  const counts = alerts.data?.counts;
  const { mutate } = act;
  const onOpen = useCallback((x: AlertItem) => router.push(alertHref(x), { scroll: false }), [router]);
  const onAct = useCallback((x: AlertItem, action: 'acknowledge' | 'resolve') => mutate({ a: x, action }), [mutate]);

  return (
    <section className="fw-panel fw-alerts" aria-labelledby="fw-alerts-title" data-testid="alert-panel">
      <div className="fw-panel-head">
        <h2 id="fw-alerts-title">Alerts</h2>
        <a href="/rules" className="fw-muted">
          Rules
        </a>
      </div>
      <p className="fw-alert-counts tabular" data-testid="alert-counts">
        {counts ? (
          <>
            <span data-testid="count-firing">{counts.firing} firing</span> ·{' '}
            <span data-testid="count-acknowledged">{counts.acknowledged} acknowledged</span> · <span>{counts.resolved} resolved</span>
          </>
        ) : (
          'Loading alerts…'
        )}
      </p>
      <div className="fw-alert-tools">
        <div role="group" aria-label="Show alerts">
          {FILTERS.map((f) => (
            <button key={f.value} type="button" className="fw-chip" aria-pressed={status === f.value} onClick={() => setStatus(f.value)}>
              {f.label}
            </button>
          ))}
        </div>
        <label className="fw-field fw-inline">
          <input
            type="checkbox"
            checked={notify}
            onChange={(e) => {
              setNotify(e.target.checked);
              if (e.target.checked && typeof Notification !== 'undefined' && Notification.permission === 'default')
                void Notification.requestPermission();
            }}
          />
          <span>Notify and sound for critical</span>
        </label>
      </div>
      {act.error && (
        <p role="alert" className="fw-warning">
          {act.error.message}
        </p>
      )}
      {alerts.error && (
        <p role="alert" className="fw-warning">
          Could not load alerts: {alerts.error.message}
        </p>
      )}
      {alerts.data && alerts.data.items.length === 0 && (
        <p className="fw-muted fw-empty">No alerts{status ? ` ${status}` : ''}. Create a rule on the Rules page to be alerted.</p>
      )}
      <ol className="fw-alert-list" aria-live="polite">
        {alerts.data?.items.map((a) => (
          <AlertEntry key={a.id} alert={a} busy={act.isPending} onOpen={onOpen} onAct={onAct} />
        ))}
      </ol>
    </section>
  );
}
