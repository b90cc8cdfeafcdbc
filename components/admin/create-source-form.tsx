'use client';
import { useActionState } from 'react';

interface CreateSourceState {
  error?: string;
  created?: string;
}

/** `create` is the page's server action, passed down so this component need not import from app/. */
export function CreateSourceForm({ create }: { create: (prev: CreateSourceState, fd: FormData) => Promise<CreateSourceState> }) {
  const [state, action, pending] = useActionState<CreateSourceState, FormData>(create, {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" aria-label="Add source">
      <label className="flex flex-col text-sm">
        Name
        <input name="name" required maxLength={200} className="rounded border px-2 py-1" />
      </label>
      <label className="flex grow flex-col text-sm">
        Feed URL (RSS, Atom or RDF; http or https)
        <input name="url" type="url" required maxLength={2000} className="rounded border px-2 py-1" />
      </label>
      <label className="flex flex-col text-sm">
        Every (minutes)
        <input name="pollMinutes" type="number" min={1} max={1440} defaultValue={10} className="w-24 rounded border px-2 py-1" />
      </label>
      <label className="flex flex-col text-sm">
        Keywords (comma-separated; empty keeps all)
        <input name="keywords" maxLength={5000} className="rounded border px-2 py-1" />
      </label>
      <label className="flex items-center gap-1 text-sm">
        <input name="enabled" type="checkbox" defaultChecked /> Enabled
      </label>
      <button type="submit" disabled={pending} className="rounded border px-3 py-1">
        Add source
      </button>
      {state.error && (
        <p role="alert" className="w-full text-sm">
          {state.error}
        </p>
      )}
      {state.created && (
        <p role="status" className="w-full text-sm">
          Added {state.created}; it is fetched on the scheduler’s next pass.
        </p>
      )}
    </form>
  );
}
