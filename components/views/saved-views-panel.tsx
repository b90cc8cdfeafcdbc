'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useId, useState } from 'react';
import { apiFetch } from '@/components/alerts/alert-api';
import { refetchAfterWrite } from '@/hooks/after-write';
import { viewHref, VIEW_NAME_MAX, type SavedView } from '@/lib/views/link';
import { subscribeHref } from '@/lib/subscriptions/subscribe-link';
import { useMapPosition } from './map-position';
import type { OpenView } from './saved-views-menu';

const VIEWS_KEY = ['views'] as const;
const FALLBACK_POSITION = { lat: 31.5, lon: 67.5, zoom: 5 };

/** The dashboard's query string as the address bar has it now (filters, display mode, …). */
function currentQuery(): string {
  const params = new URLSearchParams(window.location.search);
  params.delete('view');
  params.delete('incident');
  return params.toString();
}

export function SavedViewsPanel({ current, canShare, close }: { current: OpenView | null; canShare: boolean; close: () => void }) {
  const id = useId();
  const router = useRouter();
  const client = useQueryClient();
  const position = useMapPosition();
  const search = useSearchParams();
  const views = useQuery({ queryKey: VIEWS_KEY, queryFn: () => apiFetch<{ items: SavedView[] }>('/api/views') });
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => refetchAfterWrite(client, [VIEWS_KEY]);
  const fail = (e: Error) => setMessage(e.message);

  const save = useMutation({
    mutationFn: () =>
      apiFetch<SavedView>('/api/views', {
        method: 'POST',
        body: { name, query: currentQuery(), map: position?.read() ?? FALLBACK_POSITION, shared },
      }),
    onSuccess: async (v) => {
      setName('');
      setMessage(`Saved “${v.name}”.`);
      await refresh();
      router.replace(viewHref(v), { scroll: false });
    },
    onError: fail,
  });
  const setStart = useMutation({
    mutationFn: (viewId: number | null) => apiFetch('/api/views/start', { method: 'PUT', body: { id: viewId } }),
    onSuccess: refresh,
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: (viewId: number) => apiFetch(`/api/views/${viewId}`, { method: 'DELETE' }),
    onSuccess: refresh,
    onError: fail,
  });
  const copyLink = async (v: SavedView) => {
    const url = new URL(viewHref(v), window.location.origin).toString();
    try {
      await navigator.clipboard.writeText(url);
      setMessage(`Link to “${v.name}” copied.`);
    } catch {
      // Clipboard access needs a secure context: show the link to copy by hand instead.
      setMessage(url);
    }
  };

  const items = views.data?.items ?? [];
  return (
    <div className="fw-views-panel">
      <form
        className="fw-views-save"
        onSubmit={(e) => {
          e.preventDefault();
          setMessage(null);
          save.mutate();
        }}
      >
        <label className="fw-field" htmlFor={`${id}-name`}>
          <span>Save this view as</span>
        </label>
        <input
          id={`${id}-name`}
          className="fw-button"
          value={name}
          maxLength={VIEW_NAME_MAX}
          required
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. TTP in KP, last 30 days"
        />
        {canShare && (
          <label className="fw-inline">
            <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> Share with everyone
          </label>
        )}
        <button type="submit" className="fw-button" disabled={save.isPending || !name.trim()}>
          Save view
        </button>
      </form>
      <p className="fw-views-subscribe">
        {/* The subscriptions page pre-fills its form from the filter in this link. */}
        <Link
          href={subscribeHref(search)}
          onClick={close}
          data-testid="subscribe-view"
          title="Get this view’s weekly brief or alerts by mail"
        >
          Subscribe…
        </Link>
      </p>
      {message && (
        <p className="fw-hint" role="status">
          {message}
        </p>
      )}
      {views.isError && (
        <p role="alert" className="fw-warning">
          Could not load saved views: {views.error.message}
        </p>
      )}
      {views.isSuccess && items.length === 0 && <p className="fw-muted">No saved views yet.</p>}
      <ul className="fw-views-list" aria-label="Saved views">
        {items.map((v) => (
          <li key={v.id} data-testid="saved-view" aria-current={current?.id === v.id ? 'true' : undefined}>
            <Link href={viewHref(v)} onClick={close} className="fw-views-name">
              {v.name}
            </Link>
            {v.shared && <span className="fw-badge">shared</span>}
            {v.start && <span className="fw-badge">start page</span>}
            <span className="fw-views-actions">
              <button type="button" className="fw-link" onClick={() => setStart.mutate(v.start ? null : v.id)}>
                {v.start ? 'Unset start page' : 'Make start page'}
              </button>
              <button type="button" className="fw-link" onClick={() => void copyLink(v)}>
                Copy link
              </button>
              {(v.mine || (canShare && v.shared)) && (
                <button
                  type="button"
                  className="fw-link"
                  aria-label={`Delete view ${v.name}`}
                  onClick={() => window.confirm(`Delete the view “${v.name}”?`) && remove.mutate(v.id)}
                >
                  Delete
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
