'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiFetch, ApiError } from '@/components/alerts/alert-api';
import { SiteNav } from '@/components/ui/site-nav';
import { refetchAfterWrite } from '@/hooks/after-write';
import { LIVE_KEYS } from '@/hooks/queries';
import { MATCH_STATUSES, type MatchItem, type MatchPage, type MatchStatus } from '@/lib/datasets/match-types';
import { MatchSide } from './match-side';
import './matches.css';

const TYPE_LABEL: Record<MatchItem['typeCompatibility'], string> = {
  'same-sub-event': 'same sub-event type',
  'same-event': 'same event type',
  related: 'related types',
  incompatible: 'incompatible types',
};
const STATUS_LABEL: Record<MatchStatus, string> = { proposed: 'To review', merged: 'Merged', rejected: 'Not the same event' };

/** The reasons an analyst weighs, in words. */
function reasons(m: MatchItem): string[] {
  return [
    m.dayGap === 0 ? 'dates overlap' : `${m.dayGap} day apart`,
    `${m.distanceKm.toLocaleString('en-US')} km apart`,
    TYPE_LABEL[m.typeCompatibility],
    `actors ${Math.round(m.actorSimilarity * 100)}% alike`,
  ];
}

type Op = 'merge' | 'reject' | 'undo';

/**
 * /matches: incidents of two datasets an import found to be perhaps one event, side by side. Merge
 * keeps A (stored first) and makes B one of its sources; "Not the same event" keeps both; either
 * can be undone from the Merged / Not the same event tabs.
 */
export function MatchReview({ canDecide }: { canDecide: boolean }) {
  const [status, setStatus] = useState<MatchStatus>('proposed');
  const client = useQueryClient();
  const key = ['matches', status];
  const page = useQuery({ queryKey: key, queryFn: () => apiFetch<MatchPage>(`/api/matches?status=${status}&limit=100`) });
  const [error, setError] = useState<string | null>(null);
  const decide = useMutation({
    mutationFn: ({ id, op }: { id: number; op: Op }) =>
      apiFetch<{ match: MatchItem }>(`/api/matches/${id}/${op}`, { method: 'POST', body: {} }),
    onMutate: () => setError(null),
    onError: (err) => setError(err instanceof ApiError ? err.message : 'The decision failed.'),
    onSettled: () => void refetchAfterWrite(client, [['matches'], ...LIVE_KEYS]),
  });

  return (
    <main className="fw-matches">
      <header className="fw-row">
        <h1>Dataset matches</h1>
        <SiteNav current="/matches" />
      </header>
      <p className="fw-muted">
        An import of a second dataset proposes the incidents of another dataset within a day and 30 km with a compatible type. Merge keeps A
        and makes B one of its sources (B leaves the map and the counts; undo restores it).
      </p>
      <div role="tablist" aria-label="Match status" className="fw-matches-tabs">
        {MATCH_STATUSES.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={s === status} onClick={() => setStatus(s)}>
            {STATUS_LABEL[s]}
          </button>
        ))}
      </div>
      {error && <p role="alert">{error}</p>}
      {page.isPending && <p className="fw-muted">Loading…</p>}
      {page.error && <p role="alert">Could not load the matches.</p>}
      {page.data?.items.length === 0 && <p className="fw-muted">Nothing here.</p>}
      <ol className="fw-matches-list">
        {page.data?.items.map((m) => (
          <li key={m.id} className="fw-match" data-testid="match" data-match-id={m.id}>
            <div className="fw-match-head">
              <span className="fw-match-score tabular" title="Match score">
                {Math.round(m.score * 100)}%
              </span>
              <span className="fw-muted">{reasons(m).join(' · ')}</span>
            </div>
            <div className="fw-match-sides">
              <MatchSide label={`A · ${m.datasetA.toUpperCase()} (stays)`} item={m.incidentA} />
              <MatchSide label={`B · ${m.datasetB.toUpperCase()}${m.status === 'merged' ? ' (merged into A)' : ''}`} item={m.incidentB} />
            </div>
            {m.decidedBy && (
              <p className="fw-muted">
                Decided by {m.decidedBy} at {m.decidedAt}
              </p>
            )}
            {canDecide && (
              <div className="fw-match-actions">
                {m.status === 'proposed' ? (
                  <>
                    <button type="button" disabled={decide.isPending} onClick={() => decide.mutate({ id: m.id, op: 'merge' })}>
                      Merge (B becomes a source of A)
                    </button>
                    <button type="button" disabled={decide.isPending} onClick={() => decide.mutate({ id: m.id, op: 'reject' })}>
                      Not the same event
                    </button>
                  </>
                ) : (
                  <button type="button" disabled={decide.isPending} onClick={() => decide.mutate({ id: m.id, op: 'undo' })}>
                    {m.status === 'merged' ? 'Undo merge (restore B)' : 'Reopen'}
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
    </main>
  );
}
