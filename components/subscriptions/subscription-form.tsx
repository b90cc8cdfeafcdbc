'use client';
import { useQuery } from '@tanstack/react-query';
import { FormActions } from '@/components/ui/form-actions';
import { useId, useState } from 'react';
import { viewsQuery } from './subscription-api';

export interface SubscriptionDraft {
  kind: 'weekly' | 'alerts';
  source: 'query' | 'view';
  query: string;
  viewId: string;
  minSeverity: 'info' | 'warning' | 'critical';
  email: string;
}

/** The API body of a draft: a dashboard query or a saved view id. */
export function draftBody(d: SubscriptionDraft) {
  return {
    kind: d.kind,
    filter: d.source === 'view' ? { viewId: Number(d.viewId) } : { query: d.query },
    ...(d.kind === 'alerts' ? { minSeverity: d.minSeverity } : {}),
    email: d.email.trim(),
    enabled: true,
  };
}

/**
 * New subscription: kind, what it covers (the dashboard filters this page was opened with, or a
 * saved view by name), minimum severity for alerts, and the address (the account's by default).
 */
export function SubscriptionForm(props: {
  initialQuery: string;
  accountEmail: string;
  busy: boolean;
  errors: Record<string, string>;
  onSubmit: (d: SubscriptionDraft) => void;
}) {
  const id = useId();
  const views = useQuery(viewsQuery);
  const [d, setD] = useState<SubscriptionDraft>({
    kind: 'weekly',
    source: 'query',
    query: props.initialQuery,
    viewId: '',
    minSeverity: 'warning',
    email: props.accountEmail,
  });
  const set = (patch: Partial<SubscriptionDraft>) => setD((x) => ({ ...x, ...patch }));
  const error = (key: string) =>
    props.errors[key] ? (
      <span id={`${id}-${key}-error`} className="fw-field-error">
        {props.errors[key]}
      </span>
    ) : null;
  const aria = (key: string) => ({
    id: `${id}-${key}`,
    'aria-invalid': props.errors[key] ? true : undefined,
    'aria-describedby': props.errors[key] ? `${id}-${key}-error` : undefined,
  });
  const queryKey = d.source === 'view' ? 'filter.viewId' : 'filter.query';
  return (
    <form
      className="fw-form fw-card fw-measure"
      data-testid="subscription-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(d);
      }}
    >
      <fieldset disabled={props.busy}>
        <legend>New subscription</legend>
        <div className="fw-row">
          <div className="fw-field">
            <label htmlFor={`${id}-kind`}>Kind</label>
            <select {...aria('kind')} value={d.kind} onChange={(e) => set({ kind: e.target.value as SubscriptionDraft['kind'] })}>
              <option value="weekly">Weekly brief</option>
              <option value="alerts">Alerts</option>
            </select>
          </div>
          {d.kind === 'alerts' && (
            <div className="fw-field">
              <label htmlFor={`${id}-minSeverity`}>Minimum severity</label>
              <select
                {...aria('minSeverity')}
                value={d.minSeverity}
                onChange={(e) => set({ minSeverity: e.target.value as SubscriptionDraft['minSeverity'] })}
              >
                <option value="info">info</option>
                <option value="warning">warning</option>
                <option value="critical">critical</option>
              </select>
              {error('minSeverity')}
            </div>
          )}
        </div>
        <div className="fw-row">
          <div className="fw-field">
            <label htmlFor={`${id}-source`}>Covers</label>
            <select {...aria('source')} value={d.source} onChange={(e) => set({ source: e.target.value as SubscriptionDraft['source'] })}>
              <option value="query">Dashboard filters</option>
              <option value="view">A saved view</option>
            </select>
          </div>
          {d.source === 'query' ? (
            <div className="fw-field fw-grow">
              <label htmlFor={`${id}-filter.query`}>Dashboard filters (empty: everything)</label>
              <input
                {...aria('filter.query')}
                maxLength={2000}
                placeholder="group=ttp&region=kp"
                value={d.query}
                onChange={(e) => set({ query: e.target.value })}
              />
              {error(queryKey)}
            </div>
          ) : (
            <div className="fw-field fw-grow">
              <label htmlFor={`${id}-filter.viewId`}>Saved view</label>
              <select {...aria('filter.viewId')} value={d.viewId} onChange={(e) => set({ viewId: e.target.value })}>
                <option value="">Choose a view…</option>
                {(views.data?.items ?? []).map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                    {v.shared && !v.mine ? ' (shared)' : ''}
                  </option>
                ))}
              </select>
              {error(queryKey)}
            </div>
          )}
        </div>
        <div className="fw-field">
          <label htmlFor={`${id}-email`}>Email</label>
          <input {...aria('email')} type="email" maxLength={254} value={d.email} onChange={(e) => set({ email: e.target.value })} />
          {error('email')}
          {d.email.trim().toLowerCase() !== props.accountEmail.toLowerCase() && (
            <span className="fw-muted">Another address than your account&apos;s gets a confirmation mail first (admins excepted).</span>
          )}
        </div>
        {error('form')}
        <FormActions submitLabel="Subscribe" busy={props.busy} />
      </fieldset>
    </form>
  );
}
