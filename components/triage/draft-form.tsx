'use client';
import { DateField } from '@/components/ui/date-field';
import { CLAIM_STATUSES, TARGET_CATEGORIES } from '@/lib/incidents/record';
import type { ClaimStatus, ReportDraft } from '@/lib/intake/report-types';
import type { TargetCategory } from '@/lib/intake/types';
import { KNOWN_GROUPS } from '@/lib/taxonomy/groups';
import { EVENT_TAXONOMY, type EventType } from '@/lib/taxonomy/event-types';
import { DraftCasualties } from './draft-casualties';
import { DraftPlace } from './draft-place';
import { missingRequired, REQUIRED_LABELS } from './draft-model';

const GROUPS = [...KNOWN_GROUPS].sort((a, b) => a.name.localeCompare(b.name));
const humanize = (s: string) => s.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
const Req = () => <abbr title="required">*</abbr>;

interface Props {
  draft: ReportDraft;
  onChange: (next: ReportDraft) => void;
  /** Viewers, and reports already decided: the draft is shown, not editable. */
  readOnly: boolean;
}

/** The draft incident, every field editable before Accept; fields marked * must be filled. */
export function DraftForm({ draft, onChange, readOnly }: Props) {
  const set = (patch: Partial<ReportDraft>) => onChange({ ...draft, ...patch });
  const subTypes: readonly string[] = draft.eventType ? (EVENT_TAXONOMY[draft.eventType as EventType] ?? []) : [];
  const missing = missingRequired(draft);
  return (
    <form className="fw-draft" aria-labelledby="fw-draft-title" onSubmit={(e) => e.preventDefault()}>
      <h3 id="fw-draft-title">Draft incident</h3>
      {!readOnly && missing.length > 0 && (
        <p className="fw-muted" data-testid="draft-missing">
          To accept, fill: {missing.map((f) => REQUIRED_LABELS[f]).join(', ')}.
        </p>
      )}
      <fieldset disabled={readOnly} className="fw-draft-fields">
        <fieldset className="fw-draft-group">
          <legend>When</legend>
          <DateField
            label={
              <>
                Date <Req />
              </>
            }
            required
            testId="draft-date"
            value={draft.occurredAt?.slice(0, 10) ?? ''}
            onChange={(v) => set({ occurredAt: v || null })}
          />
          <label className="fw-field">
            <span>Precision</span>
            <select value={draft.timePrecision} onChange={(e) => set({ timePrecision: Number(e.target.value) as 1 | 2 | 3 })}>
              <option value="1">Day</option>
              <option value="2">Week</option>
              <option value="3">Month</option>
            </select>
          </label>
        </fieldset>
        <DraftPlace draft={draft} onChange={onChange} />
        <fieldset className="fw-draft-group">
          <legend>What and who</legend>
          <label className="fw-field">
            <span>
              Event type <Req />
            </span>
            <select
              aria-required
              value={draft.eventType ?? ''}
              onChange={(e) => set({ eventType: e.target.value || null, subEventType: null })}
            >
              <option value="">—</option>
              {Object.keys(EVENT_TAXONOMY).map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label className="fw-field">
            <span>
              Sub-event type <Req />
            </span>
            <select aria-required value={draft.subEventType ?? ''} onChange={(e) => set({ subEventType: e.target.value || null })}>
              <option value="">{draft.eventType ? '—' : 'Choose an event type first'}</option>
              {subTypes.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
              {draft.subEventType && !subTypes.includes(draft.subEventType) && (
                <option value={draft.subEventType}>{draft.subEventType}</option>
              )}
            </select>
          </label>
          <label className="fw-field">
            <span>
              Group <Req />
            </span>
            <select aria-required value={draft.group ?? ''} onChange={(e) => set({ group: e.target.value || null })}>
              <option value="">— not named —</option>
              {GROUPS.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                  {g.abbreviation ? ` (${g.abbreviation})` : ''}
                </option>
              ))}
              {draft.group && !GROUPS.some((g) => g.id === draft.group) && <option value={draft.group}>{draft.group}</option>}
            </select>
          </label>
          <label className="fw-field">
            <span>Claim</span>
            <select value={draft.claimStatus} onChange={(e) => set({ claimStatus: e.target.value as ClaimStatus })}>
              {CLAIM_STATUSES.map((c) => (
                <option key={c} value={c}>
                  {humanize(c)}
                </option>
              ))}
            </select>
          </label>
          <label className="fw-field">
            <span>Target</span>
            <select value={draft.target ?? ''} onChange={(e) => set({ target: (e.target.value || null) as TargetCategory | null })}>
              <option value="">—</option>
              {TARGET_CATEGORIES.map((t) => (
                <option key={t} value={t}>
                  {humanize(t)}
                </option>
              ))}
            </select>
          </label>
          <label className="fw-field fw-inline">
            <input type="checkbox" checked={draft.crossBorder} onChange={(e) => set({ crossBorder: e.target.checked })} />
            <span>Cross-border</span>
          </label>
        </fieldset>
        <DraftCasualties draft={draft} onChange={onChange} />
        <label className="fw-field fw-wide">
          <span>Notes</span>
          <textarea rows={2} maxLength={10_000} value={draft.notes ?? ''} onChange={(e) => set({ notes: e.target.value || null })} />
        </label>
      </fieldset>
    </form>
  );
}
