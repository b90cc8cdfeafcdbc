'use client';
import { useActionState } from 'react';
import { FormStatus } from '@/components/ui/form-status';

interface CreateSourceState {
  error?: string;
  created?: string;
}

/** `create` is the page's server action, passed down so this component need not import from app/. */
export function CreateSourceForm({ create }: { create: (prev: CreateSourceState, fd: FormData) => Promise<CreateSourceState> }) {
  const [state, action, pending] = useActionState<CreateSourceState, FormData>(create, {});
  return (
    <form action={action} className="fw-form fw-card" aria-label="Add source">
      <h2>New feed</h2>
      <label className="fw-field">
        <span>Name</span>
        <input name="name" required maxLength={200} />
      </label>
      <label className="fw-field">
        <span>Feed URL (RSS, Atom or RDF; http or https)</span>
        <input name="url" type="url" required maxLength={2000} />
      </label>
      <div className="fw-form-row">
        <label className="fw-field">
          <span>Every (minutes)</span>
          <input name="pollMinutes" type="number" min={1} max={1440} defaultValue={10} />
        </label>
        <label className="fw-field fw-inline">
          <input name="enabled" type="checkbox" defaultChecked /> <span>Enabled</span>
        </label>
      </div>
      <label className="fw-field">
        <span>Keywords (comma-separated; empty keeps all)</span>
        <input name="keywords" maxLength={5000} />
      </label>
      <div className="fw-form-actions">
        <button type="submit" disabled={pending} className="fw-button fw-button-primary">
          Add source
        </button>
      </div>
      <FormStatus error={state.error} notice={state.created && <>Added {state.created}; it is fetched on the scheduler’s next pass.</>} />
    </form>
  );
}
