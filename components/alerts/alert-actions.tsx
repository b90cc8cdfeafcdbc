'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { apiFetch } from './alert-api';

/** Acknowledge (with an optional note) or resolve the alert on its page, then re-read the page. */
export function AlertActions({ id, status }: { id: number; status: string }) {
  const router = useRouter();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, startTransition] = useTransition();
  const act = async (action: 'acknowledge' | 'resolve') => {
    setBusy(true);
    setError(null);
    try {
      await apiFetch(`/api/alerts/${id}/${action}`, { method: 'POST', body: note.trim() ? { note: note.trim() } : {} });
      startTransition(() => router.refresh());
    } catch (err) {
      // A 409 (someone else acted first) says so; the refresh shows what they did.
      setError(err instanceof Error ? err.message : String(err));
      startTransition(() => router.refresh());
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {status === 'firing' && (
        <label className="fw-field fw-inline">
          <span>Note</span>
          <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} placeholder="optional" />
        </label>
      )}
      {status === 'firing' && (
        <button type="button" className="fw-button" disabled={busy} onClick={() => void act('acknowledge')} data-testid="alert-acknowledge">
          Acknowledge
        </button>
      )}
      <button type="button" className="fw-button" disabled={busy} onClick={() => void act('resolve')} data-testid="alert-resolve">
        Resolve
      </button>
      {error && (
        <span role="alert" className="fw-error">
          {error}
        </span>
      )}
    </>
  );
}
