'use client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { TesterResult } from '@/db/queries/rule-tester';
import { formatUtc } from '@/lib/time/format-utc';
import { ApiError, apiFetch } from './alert-api';
import './rule-preview.css';

const DEBOUNCE_MS = 600;
const SHOWN = 5;

/**
 * "Would have fired N times in the last 90 days" for the rule as it stands in the form, from
 * POST /api/alert-rules/preview. Asked once typing pauses; each distinct body is cached, so
 * toggling a picker back and forth costs nothing.
 */
export function RulePreview({ body }: { body: Record<string, unknown> }) {
  const json = JSON.stringify(body);
  const [settled, setSettled] = useState(json);
  useEffect(() => {
    const t = setTimeout(() => setSettled(json), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [json]);
  const preview = useQuery({
    queryKey: ['alerts', 'preview', settled],
    queryFn: () => apiFetch<TesterResult>('/api/alert-rules/preview', { method: 'POST', body: JSON.parse(settled) as unknown }),
    staleTime: 30_000,
    retry: false,
  });
  const pending = settled !== json || preview.isFetching;
  return (
    <section className="fw-rule-preview" aria-labelledby="fw-rule-preview-title" data-testid="rule-preview" aria-busy={pending}>
      <h3 id="fw-rule-preview-title">Preview</h3>
      <div aria-live="polite">
        {preview.error ? (
          <p className="fw-muted">
            {/* A 400 is a rule still being written (a threshold not set yet), not a failure. */}
            {preview.error instanceof ApiError && preview.error.status === 400
              ? 'Complete the rule to preview it'
              : 'Preview unavailable'}: {preview.error.message}
          </p>
        ) : preview.data ? (
          <p data-testid="rule-preview-count">
            Would have fired <strong className="tabular">{preview.data.count.toLocaleString('en-US')}</strong> time
            {preview.data.count === 1 ? '' : 's'} in the last {preview.data.days} days{pending ? ' (updating…)' : ''}.
          </p>
        ) : (
          <p className="fw-muted">Working out what this rule would have fired…</p>
        )}
      </div>
      {preview.data && preview.data.firings.length > 0 && (
        <ol className="fw-rule-preview-list">
          {preview.data.firings.slice(0, SHOWN).map((f) => (
            <li key={`${f.at}-${f.incidentIds[0]}`} className="tabular">
              <time dateTime={f.at}>{formatUtc(Date.parse(f.at))}</time> — {f.summary}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
