'use client';
import { useActionState } from 'react';
import type { CreateUserState } from '@/lib/auth/admin-input';
import { ROLES } from '@/lib/auth/roles';
import { FormStatus } from '@/components/ui/form-status';

/** `create` is the page's server action, passed down so this component need not import from app/. */
export function CreateUserForm({ create }: { create: (prev: CreateUserState, fd: FormData) => Promise<CreateUserState> }) {
  const [state, action, pending] = useActionState<CreateUserState, FormData>(create, {});
  return (
    <form action={action} className="fw-form fw-card" aria-label="Create user">
      <h2>New user</h2>
      <label className="fw-field">
        <span>Email</span>
        <input name="email" type="email" required maxLength={254} />
      </label>
      <div className="fw-form-row">
        <label className="fw-field">
          <span>Name</span>
          <input name="name" maxLength={100} />
        </label>
        <label className="fw-field">
          <span>Role</span>
          <select name="role" defaultValue="viewer">
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="fw-form-actions">
        <button type="submit" disabled={pending} className="fw-button fw-button-primary">
          Create user
        </button>
      </div>
      <FormStatus
        error={state.error}
        notice={
          state.created && (
            <>
              Created {state.created.role} {state.created.email}. Password (shown once):{' '}
              <code data-testid="created-password">{state.created.password}</code>
            </>
          )
        }
        noticeTestId="created-user"
      />
    </form>
  );
}
