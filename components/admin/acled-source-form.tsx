'use client';
import { useActionState } from 'react';

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
    <form action={action} className="mt-4 flex flex-wrap items-end gap-3" aria-label="Add ACLED source">
      <h2 className="w-full text-lg font-semibold">ACLED API</h2>
      <label className="flex flex-col text-sm">
        Name
        <input name="name" required maxLength={200} defaultValue="ACLED" className="rounded border px-2 py-1" />
      </label>
      <label className="flex flex-col text-sm">
        API address
        <input name="url" type="url" maxLength={2000} defaultValue="https://acleddata.com" className="rounded border px-2 py-1" />
      </label>
      <label className="flex flex-col text-sm">
        Account email
        <input name="email" type="email" required maxLength={254} autoComplete="off" className="rounded border px-2 py-1" />
      </label>
      <label className="flex flex-col text-sm">
        Password
        <input name="password" type="password" required maxLength={1000} autoComplete="new-password" className="rounded border px-2 py-1" />
      </label>
      <label className="flex grow flex-col text-sm">
        Countries (comma-separated, ACLED’s names)
        <input name="countries" maxLength={5000} defaultValue={DEFAULT_COUNTRIES} className="rounded border px-2 py-1" />
      </label>
      <label className="flex flex-col text-sm">
        Since
        <input name="since" type="date" min="1997-01-01" defaultValue="2017-01-01" className="rounded border px-2 py-1" />
      </label>
      <label className="flex flex-col text-sm">
        Every (minutes)
        <input name="pollMinutes" type="number" min={1} max={1440} defaultValue={360} className="w-24 rounded border px-2 py-1" />
      </label>
      <label className="flex items-center gap-1 text-sm">
        <input name="enabled" type="checkbox" defaultChecked /> Enabled
      </label>
      <button type="submit" disabled={pending} className="rounded border px-3 py-1">
        Add ACLED source
      </button>
      {state.error && (
        <p role="alert" className="w-full text-sm">
          {state.error}
        </p>
      )}
      {state.created && (
        <p role="status" className="w-full text-sm">
          Added {state.created}; its backfill starts on the scheduler’s next pass.
        </p>
      )}
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
    <details className="mt-1">
      <summary className="cursor-pointer underline">Edit</summary>
      <form action={action} className="mt-1 flex flex-col gap-1" aria-label={`Edit ${source.name}`}>
        <input type="hidden" name="id" value={source.id} />
        <label className="flex flex-col text-xs">
          API address
          <input name="url" type="url" maxLength={2000} defaultValue={source.url} className="rounded border px-1" />
        </label>
        <label className="flex flex-col text-xs">
          Account email
          <input
            name="email"
            type="email"
            maxLength={254}
            defaultValue={source.email ?? ''}
            autoComplete="off"
            className="rounded border px-1"
          />
        </label>
        <label className="flex flex-col text-xs">
          Password
          <input
            name="password"
            type="password"
            maxLength={1000}
            autoComplete="new-password"
            placeholder="leave blank to keep"
            className="rounded border px-1"
          />
        </label>
        <label className="flex flex-col text-xs">
          Countries
          <input name="countries" maxLength={5000} defaultValue={(source.countries ?? []).join(', ')} className="rounded border px-1" />
        </label>
        <label className="flex flex-col text-xs">
          Since
          <input name="since" type="date" min="1997-01-01" defaultValue={source.since ?? ''} className="rounded border px-1" />
        </label>
        <label className="flex flex-col text-xs">
          Every (minutes)
          <input name="pollMinutes" type="number" min={1} max={1440} defaultValue={source.pollMinutes} className="rounded border px-1" />
        </label>
        <button type="submit" disabled={pending} className="rounded border px-2">
          Save
        </button>
        {state.error && (
          <p role="alert" className="text-xs">
            {state.error}
          </p>
        )}
        {state.saved && (
          <p role="status" className="text-xs">
            Saved.
          </p>
        )}
      </form>
    </details>
  );
}
