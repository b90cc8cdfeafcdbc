'use client';
import { useQuery } from '@tanstack/react-query';
import { deliveriesQuery } from './subscription-api';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { timeZoneName: 'short' }) : '—');

/** One subscription's delivery log: what was sent, what waits for a retry, what failed with the server's answer. */
export function DeliveryLog({ id }: { id: number }) {
  const log = useQuery({ ...deliveriesQuery(id), refetchInterval: 10_000 });
  if (log.error) return <p className="fw-warning">{log.error.message}</p>;
  const items = log.data?.items ?? [];
  if (log.isPending) return <p className="fw-muted">Loading the delivery log…</p>;
  if (items.length === 0) return <p className="fw-muted">Nothing sent yet.</p>;
  return (
    <div className="fw-table-wrap">
      <table className="fw-table">
        <caption className="fw-muted">Deliveries of subscription {id}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Created</th>
            <th scope="col">Kind</th>
            <th scope="col">Week / alerts</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Server&apos;s answer</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id}>
              <td className="tabular">{when(d.createdAt)}</td>
              <td>{d.kind}</td>
              <td className="tabular">{d.week ?? (d.alertIds.length ? `${d.alertIds.length} alert(s)` : '—')}</td>
              <td>
                {d.status}
                {d.status === 'sent' && d.sentAt ? ` ${when(d.sentAt)}` : ''}
                {d.status === 'queued' && d.nextAttemptAt ? ` (next try ${when(d.nextAttemptAt)})` : ''}
              </td>
              <td className="fw-num">{d.attempts}</td>
              <td>{d.status === 'sent' ? d.messageId : (d.lastError ?? '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
