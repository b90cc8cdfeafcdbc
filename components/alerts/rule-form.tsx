'use client';
import { FormActions } from '@/components/ui/form-actions';
import { useState } from 'react';
import type { Site } from '@/lib/alerts/types';
import { MultiSelect } from '@/components/ui/multi-select';
import { bodyFromForm, KINDS, PARAM_FIELDS, type FormState, type Kind } from './rule-form-model';
import { groupOptions, REGION_OPTIONS, siteOptions, TYPE_OPTIONS } from './rule-pickers';
import { RulePreview } from './rule-preview';

export function RuleForm(props: {
  initial: FormState;
  editing: boolean;
  sites: Site[];
  busy: boolean;
  onSubmit: (body: Record<string, unknown>) => void;
  onCancel?: () => void;
}) {
  const [f, setF] = useState(props.initial);
  const set = (patch: Partial<FormState>) => setF((x) => ({ ...x, ...patch }));
  return (
    <form
      className="fw-form fw-card"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(bodyFromForm(f, props.editing));
      }}
    >
      <fieldset disabled={props.busy}>
        <legend>{props.editing ? 'Edit rule' : 'New rule'}</legend>
        <div className="fw-row">
          <label className="fw-field">
            <span>Name</span>
            <input required maxLength={120} value={f.name} onChange={(e) => set({ name: e.target.value })} />
          </label>
          <label className="fw-field">
            <span>Kind</span>
            <select value={f.kind} disabled={props.editing} onChange={(e) => set({ kind: e.target.value as Kind, params: {} })}>
              {KINDS.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          <label className="fw-field">
            <span>Severity</span>
            <select value={f.severity} onChange={(e) => set({ severity: e.target.value as FormState['severity'] })}>
              <option value="info">Info</option>
              <option value="warning">Warning</option>
              <option value="critical">Critical</option>
            </select>
          </label>
        </div>
        <div className="fw-row">
          {PARAM_FIELDS[f.kind].map((p) => (
            <label key={p.key} className="fw-field">
              <span>{p.label}</span>
              <input
                type="number"
                min={0}
                step={p.step ?? '1'}
                value={f.params[p.key] ?? ''}
                onChange={(e) => set({ params: { ...f.params, [p.key]: e.target.value } })}
              />
            </label>
          ))}
        </div>
        {/* Pickers by name (and group colour): ids stay behind the scenes. None chosen = all. */}
        <div className="fw-row fw-rule-pickers">
          {f.kind === 'proximity' && (
            <MultiSelect
              label="Watched sites"
              options={siteOptions(props.sites)}
              selected={f.siteIds.map(String)}
              onChange={(ids) => set({ siteIds: ids.map(Number) })}
            />
          )}
          <MultiSelect label="Groups" options={groupOptions(f.group)} selected={f.group} onChange={(group) => set({ group })} />
          <MultiSelect label="Regions" options={REGION_OPTIONS} selected={f.region} onChange={(region) => set({ region })} />
          <MultiSelect label="Event types" options={TYPE_OPTIONS} selected={f.type} onChange={(type) => set({ type })} />
        </div>
        <RulePreview body={bodyFromForm(f, false)} />
        <div className="fw-row">
          <label className="fw-field">
            <span>Webhook URL (optional)</span>
            <input
              type="url"
              maxLength={2048}
              value={f.webhookUrl}
              placeholder="https://…"
              onChange={(e) => set({ webhookUrl: e.target.value })}
            />
          </label>
          <label className="fw-field fw-inline">
            <input type="checkbox" checked={f.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
            <span>Enabled</span>
          </label>
        </div>
        <FormActions submitLabel={props.editing ? 'Save rule' : 'Create rule'} onCancel={props.onCancel} />
      </fieldset>
    </form>
  );
}
