'use client';
import { useActionState } from 'react';
import type { CreateTokenState } from '@/lib/auth/admin-input';
import { ROLES } from '@/lib/auth/roles';

/** `create` is the page's server action, passed down so this component need not import from app/. */
export function CreateTokenForm({ create }: { create: (prev: CreateTokenState, fd: FormData) => Promise<CreateTokenState> }) {
  const [state, action, pending] = useActionState<CreateTokenState, FormData>(create, {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" aria-label="Create token">
      <label className="flex flex-col text-sm">
        Token name
        <input name="name" required maxLength={100} className="rounded border px-2 py-1" />
      </label>
      <label className="flex flex-col text-sm">
        Role
        <select name="role" defaultValue="analyst" className="rounded border px-2 py-1">
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-sm">
        Expires in days (empty: never)
        <input name="expiresInDays" type="number" min={1} max={3650} className="w-28 rounded border px-2 py-1" />
      </label>
      <button type="submit" disabled={pending} className="rounded border px-3 py-1">
        Create token
      </button>
      {state.error && (
        <p role="alert" className="w-full text-sm">
          {state.error}
        </p>
      )}
      {state.created && (
        <p role="status" className="w-full text-sm">
          Token for {state.created.name} ({state.created.role}), shown once — copy it now:{' '}
          <code data-testid="created-token">{state.created.token}</code>
        </p>
      )}
    </form>
  );
}
