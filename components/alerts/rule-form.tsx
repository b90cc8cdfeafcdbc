'use client';
import { useState } from 'react';
import { REGIONS } from '@/lib/taxonomy/regions';
import type { Site } from '@/lib/alerts/types';
import { bodyFromForm, KINDS, PARAM_FIELDS, type FormState, type Kind } from './rule-form-model';

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
  const toggle = <T,>(xs: T[], x: T) => (xs.includes(x) ? xs.filter((y) => y !== x) : [...xs, x]);
  return (
    <form
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
        {f.kind === 'proximity' && (
          <div role="group" aria-label="Watched sites" className="fw-row">
            {props.sites.map((s) => (
              <label key={s.id} className="fw-field fw-inline">
                <input type="checkbox" checked={f.siteIds.includes(s.id)} onChange={() => set({ siteIds: toggle(f.siteIds, s.id) })} />
                <span>
                  {s.name}
                  {s.example && !s.name.includes('example') ? ' (example)' : ''}
                </span>
              </label>
            ))}
          </div>
        )}
        <div className="fw-row">
          <div role="group" aria-label="Regions" className="fw-row">
            <span className="fw-muted">Regions (none = all):</span>
            {REGIONS.map((r) => (
              <label key={r.id} className="fw-field fw-inline">
                <input type="checkbox" checked={f.region.includes(r.id)} onChange={() => set({ region: toggle(f.region, r.id) })} />
                <span>{r.name}</span>
              </label>
            ))}
          </div>
          <label className="fw-field">
            <span>Groups (ids, comma-separated)</span>
            <input maxLength={2000} value={f.group} placeholder="ttp, bla" onChange={(e) => set({ group: e.target.value })} />
          </label>
          <label className="fw-field">
            <span>Event or sub-event types</span>
            <input maxLength={2000} value={f.type} placeholder="Suicide bomb" onChange={(e) => set({ type: e.target.value })} />
          </label>
        </div>
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
          <button type="submit" className="fw-button">
            {props.editing ? 'Save rule' : 'Create rule'}
          </button>
          {props.onCancel && (
            <button type="button" className="fw-button" onClick={props.onCancel}>
              Cancel
            </button>
          )}
        </div>
      </fieldset>
    </form>
  );
}
