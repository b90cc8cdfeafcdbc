'use client';
import { useQuery } from '@tanstack/react-query';
import { changedFields, formatValue } from '@/lib/audit/diff';
import { formatUtc } from '@/lib/time/format-utc';

interface HistoryEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
}

export const incidentHistoryKey = (id: number) => ['incident-history', id] as const;

async function fetchHistory(id: number): Promise<HistoryEntry[]> {
  const res = await fetch(`/api/incidents/${id}/history`, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`history request failed (${res.status})`);
  return ((await res.json()) as { items: HistoryEntry[] }).items;
}

/** Who changed an incident, when, and which fields, from the audit trail. */
export function IncidentHistory({ incidentId }: { incidentId: number }) {
  const q = useQuery({ queryKey: incidentHistoryKey(incidentId), queryFn: () => fetchHistory(incidentId) });
  if (q.isPending) return <p className="fw-small">Loading history…</p>;
  if (q.isError)
    return (
      <p role="alert" className="fw-error">
        Could not load the edit history.
      </p>
    );
  if (q.data.length === 0)
    return (
      <p className="fw-small fw-muted" data-testid="incident-history-empty">
        No recorded edits yet.
      </p>
    );
  return (
    <ol className="fw-history" data-testid="incident-history">
      {q.data.map((e) => (
        <li key={e.id}>
          <div>
            <strong>{e.action}</strong> by {e.actor} · <time dateTime={new Date(e.at).toISOString()}>{formatUtc(e.at)}</time>
          </div>
          <ul>
            {changedFields(e.before, e.after).map((c) => (
              <li key={c.field}>
                <code>{c.field}</code>: {formatValue(c.before)} → {formatValue(c.after)}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
