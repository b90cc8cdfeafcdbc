'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { incidentQuery } from '@/hooks/queries';
import type { ReportCandidate } from '@/lib/intake/report-types';
import { formatCount, formatShort, placeOf } from '@/components/incidents/format';

interface Props {
  candidates: ReportCandidate[];
  /** The incident Merge would use. */
  selected: number | null;
  onSelect: (incidentId: number) => void;
  readOnly: boolean;
  timeZone: string;
}

/** The incident's own summary beside its score: enough to judge "same event?" without leaving the page. */
function CandidateSummary({ id, timeZone }: { id: number; timeZone: string }) {
  const { data, error } = useQuery(incidentQuery(id));
  if (error) return <span className="fw-muted">(could not load this incident)</span>;
  if (!data) return <span className="fw-muted">Loading…</span>;
  return (
    <span>
      {formatShort(data, timeZone)} · {placeOf(data)} · {data.groupName} · {data.subEventType} ·{' '}
      <span className="tabular">{formatCount(data.killed)} killed</span>
    </span>
  );
}

/** Existing incidents this report may describe, best first; one is picked for Merge. */
export function CandidateList({ candidates, selected, onSelect, readOnly, timeZone }: Props) {
  return (
    <section aria-labelledby="fw-candidates" className="fw-candidates">
      <h3 id="fw-candidates">Possible matches</h3>
      {candidates.length === 0 ? (
        <p className="fw-muted">No existing incident looks like this one (same district or 30 km, ±1 day). Accept makes a new incident.</p>
      ) : (
        <ol>
          {candidates.map((c) => (
            <li key={c.incidentId} data-testid="report-candidate" data-incident-id={c.incidentId}>
              <label className="fw-candidate">
                <input
                  type="radio"
                  name="merge-target"
                  checked={selected === c.incidentId}
                  disabled={readOnly}
                  onChange={() => onSelect(c.incidentId)}
                />
                <span className="fw-candidate-score tabular" title="Match score">
                  {Math.round(c.score * 100)}%
                </span>
                <span className="fw-candidate-body">
                  <Link href={`/?incident=${c.incidentId}`} prefetch={false}>
                    Incident #{c.incidentId}
                  </Link>{' '}
                  <CandidateSummary id={c.incidentId} timeZone={timeZone} />
                  <span className="fw-muted fw-candidate-reasons">{c.reasons.join(' · ')}</span>
                </span>
              </label>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
