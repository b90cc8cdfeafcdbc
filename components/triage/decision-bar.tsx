'use client';
import { useId } from 'react';

interface Props {
  canDecide: boolean;
  busy: boolean;
  mergeTarget: number | null;
  onMergeTarget: (id: number | null) => void;
  adoptFigures: boolean;
  onAdoptFigures: (v: boolean) => void;
  reason: string;
  onReason: (v: string) => void;
  onAccept: () => void;
  onMerge: () => void;
  onDismiss: () => void;
}

/** Accept / Merge / Dismiss with what each needs; the shortcut of each is written on its button. */
export function DecisionBar(p: Props) {
  const id = useId();
  if (!p.canDecide) {
    return (
      <p className="fw-muted fw-decide" data-testid="triage-read-only">
        You can read the queue; accepting, merging or dismissing reports needs the analyst role.
      </p>
    );
  }
  return (
    <div className="fw-decide" role="group" aria-label="Decision">
      <button type="button" className="fw-button fw-button-primary" data-testid="report-accept" disabled={p.busy} onClick={p.onAccept}>
        Accept as new incident <kbd>a</kbd>
      </button>
      <div className="fw-decide-merge">
        <label className="fw-field fw-narrow">
          <span>Incident #</span>
          <input
            id={`${id}-target`}
            type="number"
            min={1}
            inputMode="numeric"
            value={p.mergeTarget ?? ''}
            onChange={(e) => p.onMergeTarget(e.target.value ? Math.max(1, Math.floor(Number(e.target.value))) : null)}
          />
        </label>
        <label className="fw-field fw-inline">
          <input type="checkbox" checked={p.adoptFigures} onChange={(e) => p.onAdoptFigures(e.target.checked)} />
          <span>Adopt this report&apos;s figures</span>
        </label>
        <button
          type="button"
          className="fw-button"
          data-testid="report-merge"
          disabled={p.busy || p.mergeTarget === null}
          onClick={p.onMerge}
        >
          Merge into #{p.mergeTarget ?? '…'} <kbd>m</kbd>
        </button>
      </div>
      <div className="fw-decide-dismiss">
        <label className="fw-field">
          <span>Reason (optional)</span>
          <input value={p.reason} maxLength={500} onChange={(e) => p.onReason(e.target.value)} placeholder="e.g. not about the frontier" />
        </label>
        <button type="button" className="fw-button" data-testid="report-dismiss" disabled={p.busy} onClick={p.onDismiss}>
          Dismiss <kbd>d</kbd>
        </button>
      </div>
    </div>
  );
}
