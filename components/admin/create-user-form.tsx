'use client';
import { useActionState } from 'react';
import type { CreateUserState } from '@/lib/auth/admin-input';
import { ROLES } from '@/lib/auth/roles';

/** `create` is the page's server action, passed down so this component need not import from app/. */
export function CreateUserForm({ create }: { create: (prev: CreateUserState, fd: FormData) => Promise<CreateUserState> }) {
  const [state, action, pending] = useActionState<CreateUserState, FormData>(create, {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" aria-label="Create user">
      <label className="flex flex-col text-sm">
        Email
        <input name="email" type="email" required maxLength={254} className="rounded border px-2 py-1" />
      </label>
      <label className="flex flex-col text-sm">
        Name
        <input name="name" maxLength={100} className="rounded border px-2 py-1" />
      </label>
      <label className="flex flex-col text-sm">
        Role
        <select name="role" defaultValue="viewer" className="rounded border px-2 py-1">
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={pending} className="rounded border px-3 py-1">
        Create user
      </button>
      {state.error && (
        <p role="alert" className="w-full text-sm">
          {state.error}
        </p>
      )}
      {state.created && (
        <p role="status" className="w-full text-sm" data-testid="created-user">
          Created {state.created.role} {state.created.email}. Password (shown once):{' '}
          <code data-testid="created-password">{state.created.password}</code>
        </p>
      )}
    </form>
  );
}
