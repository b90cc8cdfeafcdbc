'use client';
import { useState } from 'react';
import { useApiToken } from './alert-api';

/** The API token this tab uses for writes (kept in sessionStorage until sign-in replaces it). */
export function TokenField() {
  const [token, setToken] = useApiToken();
  const [draft, setDraft] = useState('');
  if (token) {
    return (
      <p className="fw-token fw-muted">
        API token set for this tab{' '}
        <button type="button" className="fw-linkish" onClick={() => setToken('')}>
          Forget
        </button>
      </p>
    );
  }
  return (
    <form
      className="fw-token"
      onSubmit={(e) => {
        e.preventDefault();
        setToken(draft);
        setDraft('');
      }}
    >
      <label className="fw-field fw-inline">
        <span>API token</span>
        <input type="password" autoComplete="off" value={draft} maxLength={200} onChange={(e) => setDraft(e.target.value)} placeholder="fw_… (analyst)" />
      </label>
      <button type="submit" className="fw-button" disabled={!draft.trim()}>
        Use
      </button>
    </form>
  );
}
