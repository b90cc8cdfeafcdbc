'use client';
import { useState } from 'react';
import { ApiError } from '@/components/alerts/alert-api';
import { safeUrl } from '@/components/incidents/format';
import type { ReportItem } from '@/lib/intake/report-types';
import { CandidateList } from './candidate-list';
import { DecisionBar } from './decision-bar';
import { DraftForm } from './draft-form';
import { draftOverrides, missingRequired, REQUIRED_LABELS } from './draft-model';
import { decisionText, formatInstant, outletOf, regionName } from './format';
import { ReportMapLoader } from './report-map-loader';
import { ReportText } from './report-text';
import { useDecision, type DecisionResult } from './use-decision';
import { useShortcuts } from './use-shortcuts';

interface Props {
  report: ReportItem;
  canDecide: boolean;
  timeZone: string;
  /** After a decision: the page moves on to the next report. */
  onDecided: (r: DecisionResult) => void;
}

/**
 * One report: its text with the extracted spans, the draft's place on a map, the draft as a form,
 * the candidates, and the decision. Mounted per report (keyed by id), so edits never leak into the
 * next report.
 */
export function ReportView({ report, canDecide, timeZone, onDecided }: Props) {
  const [draft, setDraft] = useState(report.draft);
  const [mergeTarget, setMergeTarget] = useState<number | null>(report.candidates[0]?.incidentId ?? null);
  const [adoptFigures, setAdoptFigures] = useState(false);
  const [reason, setReason] = useState('');
  const [refused, setRefused] = useState<string | null>(null);
  const decision = useDecision(report.id, (r) => onDecided(r));
  const open = report.status === 'new';
  const editable = canDecide && open;

  const accept = () => {
    const missing = missingRequired(draft);
    if (missing.length) return setRefused(`Fill the ${missing.map((f) => REQUIRED_LABELS[f]).join(', ')} before accepting.`);
    setRefused(null);
    decision.mutate({ action: 'accept', overrides: draftOverrides(report.draft, draft) });
  };
  const merge = () => {
    if (mergeTarget === null) return setRefused('Pick a candidate, or type the incident number, to merge into.');
    setRefused(null);
    decision.mutate({ action: 'merge', incidentId: mergeTarget, adoptFigures });
  };
  const dismiss = () => {
    setRefused(null);
    decision.mutate({ action: 'dismiss', reason: reason.trim() || null });
  };
  useShortcuts({ a: accept, m: merge, d: dismiss }, editable && !decision.isPending);

  const href = report.url ? safeUrl(report.url) : null;
  const decided = decisionText(report, timeZone);
  const error = decision.error;
  const place = [draft.location, draft.admin2, draft.admin1, draft.country].filter((v, i, a) => v && a.indexOf(v) === i).join(', ');
  return (
    <article className="fw-panel fw-report" aria-labelledby="fw-report-title" data-testid="report-view" data-report-id={report.id}>
      <header className="fw-report-head">
        <h2 id="fw-report-title">{report.title ?? 'Untitled report'}</h2>
        <p className="fw-muted">
          {outletOf(report)} ·{' '}
          <time dateTime={report.publishedAt ?? report.fetchedAt}>{formatInstant(report.publishedAt ?? report.fetchedAt, timeZone)}</time>
          {regionName(report.region) && <> · {regionName(report.region)}</>}
          {href && (
            <>
              {' · '}
              <a href={href} target="_blank" rel="noopener noreferrer">
                Original
              </a>
            </>
          )}
        </p>
        {!report.isIncident && <p className="fw-badge fw-badge-muted">Not an incident: nothing was drafted from it</p>}
        {report.duplicateOf !== null && <p className="fw-badge">Same story as report #{report.duplicateOf}</p>}
        {decided && (
          <p role="status" className="fw-decided" data-testid="report-decided">
            {decided}
          </p>
        )}
      </header>
      <ReportText report={report} />
      <ReportMapLoader lat={draft.lat} lon={draft.lon} precision={draft.geoPrecision} label={place || 'the draft’s place'} />
      <DraftForm draft={draft} onChange={setDraft} readOnly={!editable} />
      <CandidateList
        candidates={report.candidates}
        selected={mergeTarget}
        onSelect={setMergeTarget}
        readOnly={!editable}
        timeZone={timeZone}
      />
      {(refused ?? error) && (
        <p role="alert" className="fw-warning" data-testid="decision-error">
          {refused ??
            (error instanceof ApiError && error.status === 409 ? `${error.message} The report has been refreshed.` : error?.message)}
        </p>
      )}
      {open && (
        <DecisionBar
          canDecide={canDecide}
          busy={decision.isPending}
          mergeTarget={mergeTarget}
          onMergeTarget={setMergeTarget}
          adoptFigures={adoptFigures}
          onAdoptFigures={setAdoptFigures}
          reason={reason}
          onReason={setReason}
          onAccept={accept}
          onMerge={merge}
          onDismiss={dismiss}
        />
      )}
    </article>
  );
}
