'use client';
import { useActionState } from 'react';
import { DateField } from '@/components/ui/date-field';
import { FormStatus } from '@/components/ui/form-status';

interface FormState {
  error?: string;
  created?: string;
  saved?: string;
}
type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

const DEFAULT_COUNTRIES = 'Pakistan, Afghanistan, Tajikistan';

/**
 * Adds an ACLED API account as a source. The password goes to the server once and is stored
 * sealed; it is never sent back, so no form is ever pre-filled with it.
 */
export function AcledSourceForm({ create }: { create: Action }) {
  const [state, action, pending] = useActionState<FormState, FormData>(create, {});
  return (
    <form action={action} className="fw-form fw-card" aria-label="Add ACLED source">
      <h2>ACLED API</h2>
      <div className="fw-form-row">
        <label className="fw-field">
          <span>Name</span>
          <input name="name" required maxLength={200} defaultValue="ACLED" />
        </label>
        <label className="fw-field">
          <span>API address</span>
          <input name="url" type="url" maxLength={2000} defaultValue="https://acleddata.com" />
        </label>
      </div>
      <div className="fw-form-row">
        <label className="fw-field">
          <span>Account email</span>
          <input name="email" type="email" required maxLength={254} autoComplete="off" />
        </label>
        <label className="fw-field">
          <span>Password</span>
          <input name="password" type="password" required maxLength={1000} autoComplete="new-password" />
        </label>
      </div>
      <label className="fw-field">
        <span>Countries (comma-separated, ACLED’s names)</span>
        <input name="countries" maxLength={5000} defaultValue={DEFAULT_COUNTRIES} />
      </label>
      <div className="fw-form-row">
        <DateField label="Since" name="since" min="1997-01-01" defaultValue="2017-01-01" />
        <label className="fw-field">
          <span>Every (minutes)</span>
          <input name="pollMinutes" type="number" min={1} max={1440} defaultValue={360} />
        </label>
        <label className="fw-field fw-inline">
          <input name="enabled" type="checkbox" defaultChecked /> <span>Enabled</span>
        </label>
      </div>
      <div className="fw-form-actions">
        <button type="submit" disabled={pending} className="fw-button fw-button-primary">
          Add ACLED source
        </button>
      </div>
      <FormStatus
        error={state.error}
        notice={state.created && <>Added {state.created}; its backfill starts on the scheduler’s next pass.</>}
      />
    </form>
  );
}

export interface AcledEditValues {
  id: number;
  name: string;
  url: string;
  email: string | null;
  countries: string[] | null;
  since: string | null;
  pollMinutes: number;
}

/** Changes an ACLED source; the password field stays empty ("leave blank to keep"). */
export function AcledEditForm({ source, save }: { source: AcledEditValues; save: Action }) {
  const [state, action, pending] = useActionState<FormState, FormData>(save, {});
  return (
    <details>
      <summary className="fw-link">Edit</summary>
      <form action={action} className="fw-form" aria-label={`Edit ${source.name}`}>
        <input type="hidden" name="id" value={source.id} />
        <label className="fw-field">
          <span>API address</span>
          <input name="url" type="url" maxLength={2000} defaultValue={source.url} />
        </label>
        <label className="fw-field">
          <span>Account email</span>
          <input name="email" type="email" maxLength={254} defaultValue={source.email ?? ''} autoComplete="off" />
        </label>
        <label className="fw-field">
          <span>Password</span>
          <input name="password" type="password" maxLength={1000} autoComplete="new-password" placeholder="leave blank to keep" />
        </label>
        <label className="fw-field">
          <span>Countries</span>
          <input name="countries" maxLength={5000} defaultValue={(source.countries ?? []).join(', ')} />
        </label>
        <DateField label="Since" name="since" min="1997-01-01" defaultValue={source.since ?? ''} />
        <label className="fw-field">
          <span>Every (minutes)</span>
          <input name="pollMinutes" type="number" min={1} max={1440} defaultValue={source.pollMinutes} />
        </label>
        <div className="fw-form-actions">
          <button type="submit" disabled={pending} className="fw-button fw-button-small fw-button-primary">
            Save
          </button>
        </div>
        <FormStatus error={state.error} notice={state.saved && <>Saved.</>} />
      </form>
    </details>
  );
}
