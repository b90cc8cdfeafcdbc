import type { CasualtySplit } from '@/lib/intake/types';
import type { ReportDraft } from '@/lib/intake/report-types';
import { parseCount } from './draft-model';

const PARTS = [
  ['security', 'Security forces'],
  ['civilians', 'Civilians'],
  ['militants', 'Militants'],
] as const;

function Count({ label, value, onChange }: { label: string; value: number | null; onChange: (v: number | null) => void }) {
  return (
    <label className="fw-field fw-narrow">
      <span>{label}</span>
      <input
        type="number"
        min={0}
        max={100000}
        inputMode="numeric"
        className="tabular"
        value={value ?? ''}
        onChange={(e) => onChange(parseCount(e.target.value))}
      />
    </label>
  );
}

/** Killed and injured, each a total and its split; a split larger than its total is flagged here, before the server refuses it. */
export function DraftCasualties({ draft, onChange }: { draft: ReportDraft; onChange: (next: ReportDraft) => void }) {
  const row = (kind: 'killed' | 'injured', byKey: 'killedBy' | 'injuredBy') => {
    const split: CasualtySplit = draft[byKey] ?? { security: null, civilians: null, militants: null };
    const sum = (split.security ?? 0) + (split.civilians ?? 0) + (split.militants ?? 0);
    const total = draft[kind];
    return (
      <div className="fw-draft-row" role="group" aria-label={kind === 'killed' ? 'Killed' : 'Injured'}>
        <Count label={kind === 'killed' ? 'Killed' : 'Injured'} value={total} onChange={(v) => onChange({ ...draft, [kind]: v })} />
        {PARTS.map(([part, label]) => (
          <Count
            key={part}
            label={label}
            value={split[part]}
            onChange={(v) => {
              const next = { ...split, [part]: v };
              const empty = next.security === null && next.civilians === null && next.militants === null;
              onChange({ ...draft, [byKey]: empty ? null : next });
            }}
          />
        ))}
        {total !== null && sum > total && (
          <p className="fw-warning" role="alert">
            The split adds up to {sum}, more than {total} {kind}.
          </p>
        )}
      </div>
    );
  };
  return (
    <fieldset className="fw-draft-group">
      <legend>Casualties</legend>
      {row('killed', 'killedBy')}
      {row('injured', 'injuredBy')}
    </fieldset>
  );
}
