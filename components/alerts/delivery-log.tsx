'use client';
import { useQuery } from '@tanstack/react-query';
import type { DeliveryItem } from '@/db/services/webhooks';
import { apiFetch } from './alert-api';

/** Webhook delivery log: status, attempts, last status code and error. */
export function DeliveryLog() {
  const q = useQuery({
    queryKey: ['alerts', 'deliveries'],
    queryFn: () => apiFetch<{ items: DeliveryItem[] }>('/api/webhook-deliveries?limit=50'),
    refetchInterval: 5000,
  });
  return (
    <section aria-labelledby="fw-deliveries">
      <h2 id="fw-deliveries">Webhook deliveries</h2>
      {q.data && q.data.items.length === 0 && (
        <p className="fw-muted">No webhook deliveries yet. Give a rule a webhook URL to send its alerts.</p>
      )}
      {q.data && q.data.items.length > 0 && (
        <table data-testid="delivery-log">
          <thead>
            <tr>
              <th>Alert</th>
              <th>Rule</th>
              <th>URL</th>
              <th>Status</th>
              <th>Attempts</th>
              <th>Last code</th>
              <th>Last error</th>
              <th>Next attempt</th>
            </tr>
          </thead>
          <tbody className="tabular">
            {q.data.items.map((d) => (
              <tr key={d.id}>
                <td>{d.alertId}</td>
                <td>{d.ruleId}</td>
                <td>{d.url}</td>
                <td>{d.status}</td>
                <td>{d.attempts}</td>
                <td>{d.lastStatusCode ?? '–'}</td>
                <td>{d.lastError ?? '–'}</td>
                <td>{d.nextAttemptAt ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
