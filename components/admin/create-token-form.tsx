'use client';
import { useActionState } from 'react';
import type { CreateTokenState } from '@/lib/auth/admin-input';
import { ROLES } from '@/lib/auth/roles';
import { FormStatus } from '@/components/ui/form-status';

/** `create` is the page's server action, passed down so this component need not import from app/. */
export function CreateTokenForm({ create }: { create: (prev: CreateTokenState, fd: FormData) => Promise<CreateTokenState> }) {
  const [state, action, pending] = useActionState<CreateTokenState, FormData>(create, {});
  return (
    <form action={action} className="fw-form fw-card" aria-label="Create token">
      <h2>New token</h2>
      <label className="fw-field">
        <span>Token name</span>
        <input name="name" required maxLength={100} />
      </label>
      <div className="fw-form-row">
        <label className="fw-field">
          <span>Role</span>
          <select name="role" defaultValue="analyst">
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label className="fw-field">
          <span>Expires in days (empty: never)</span>
          <input name="expiresInDays" type="number" min={1} max={3650} />
        </label>
      </div>
      <div className="fw-form-actions">
        <button type="submit" disabled={pending} className="fw-button fw-button-primary">
          Create token
        </button>
      </div>
      <FormStatus
        error={state.error}
        notice={
          state.created && (
            <>
              Token for {state.created.name} ({state.created.role}), shown once — copy it now:{' '}
              <code data-testid="created-token">{state.created.token}</code>
            </>
          )
        }
      />
    </form>
  );
}
