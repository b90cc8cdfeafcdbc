'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { PageShell } from '@/components/ui/page-shell';
import { refetchAfterWrite } from '@/hooks/after-write';
import type { Site } from '@/lib/alerts/types';
import { sitesQuery, SiteWriteError, writeSite } from './site-api';
import { SiteForm } from './site-form';
import { emptySiteForm, fieldErrors, kindLabel, siteBody, siteFormFrom, type FieldErrors, type SiteFormState } from './site-model';
import './sites.css';

// Leaflet touches `window`: the map loads in the browser only, after the list.
const SitePickMap = dynamic(() => import('./site-pick-map'), {
  ssr: false,
  loading: () => (
    <div className="fw-sites-map fw-map-placeholder" role="status">
      Loading map…
    </div>
  ),
});

const coord = (x: number) => x.toFixed(4);
const parsed = (f: SiteFormState) => {
  const lat = Number(f.lat);
  const lon = Number(f.lon);
  return f.lat.trim() && f.lon.trim() && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
};

/** /sites: every role sees the list and the map; admins add (typed or by a map click), edit and delete. */
export function SitesManager({ canWrite }: { canWrite: boolean }) {
  const client = useQueryClient();
  const sites = useQuery(sitesQuery);
  const [editing, setEditing] = useState<Site | null>(null);
  const [form, setForm] = useState<SiteFormState>(emptySiteForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);

  const reset = () => {
    setEditing(null);
    setForm(emptySiteForm());
    setErrors({});
  };
  const write = useMutation({
    mutationFn: (v: { path: string; method: 'POST' | 'PATCH' | 'DELETE'; body?: unknown; done: string }) =>
      writeSite(v.path, v.method, v.body),
    onSuccess: (_site, v) => {
      setNotice(v.done);
      if (v.method !== 'DELETE' || editing) reset();
    },
    onError: (err) => setErrors(err instanceof SiteWriteError && err.issues.length ? fieldErrors(err.issues) : { form: err.message }),
    onSettled: () => refetchAfterWrite(client, [sitesQuery.queryKey]),
  });
  const submit = () => {
    const r = siteBody(form);
    if ('errors' in r) return setErrors(r.errors);
    setErrors({});
    setNotice(null);
    write.mutate(
      editing
        ? { path: `/api/sites/${editing.id}`, method: 'PATCH', body: r.body, done: `Saved “${form.name.trim()}”.` }
        : { path: '/api/sites', method: 'POST', body: r.body, done: `Added “${form.name.trim()}”.` },
    );
  };
  const items = sites.data?.items ?? [];

  return (
    <PageShell
      title="Watched sites"
      current="/sites"
      intro={
        <>
          Places the proximity alert rules watch. Sites marked <span className="fw-badge">example</span> are public landmarks seeded to show
          the idea; replace them with your own.
        </>
      }
    >
      {notice && (
        <p role="status" className="fw-notice">
          {notice}
        </p>
      )}
      {sites.error && (
        <p role="alert" className="fw-error">
          {sites.error.message}
        </p>
      )}
      <div className="fw-sites-layout">
        <div className="fw-sites-mapbox">
          <SitePickMap
            sites={items}
            chosen={parsed(form)}
            onPick={canWrite ? (lat, lon) => setForm((f) => ({ ...f, lat: String(lat), lon: String(lon) })) : undefined}
          />
        </div>
        {canWrite ? (
          <SiteForm
            key={editing?.id ?? 'new'}
            value={form}
            errors={errors}
            editing={Boolean(editing)}
            busy={write.isPending}
            onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
            onSubmit={submit}
            onCancel={editing ? reset : undefined}
          />
        ) : (
          <p className="fw-empty-state">Only an admin can add, edit or delete sites.</p>
        )}
      </div>
      <section aria-labelledby="fw-site-list">
        <h2 id="fw-site-list">Sites ({items.length})</h2>
        {items.length === 0 && sites.isSuccess && <p className="fw-empty-state">No watched sites yet.</p>}
        <ul className="fw-site-list">
          {items.map((s) => (
            <li key={s.id} data-testid="site-item" className="fw-site-item">
              <div>
                <strong>{s.name}</strong> {s.example && <span className="fw-badge">example</span>}
                <div className="fw-muted tabular">
                  {kindLabel(s.kind)} · {coord(s.lat)}, {coord(s.lon)}
                  {s.notes ? ` · ${s.notes}` : ''}
                </div>
              </div>
              {canWrite && (
                <div className="fw-row">
                  <button
                    type="button"
                    className="fw-button fw-button-small"
                    aria-label={`Edit ${s.name}`}
                    onClick={() => {
                      setEditing(s);
                      setForm(siteFormFrom(s));
                      setErrors({});
                    }}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="fw-button fw-button-small fw-button-danger"
                    aria-label={`Delete ${s.name}`}
                    onClick={() =>
                      confirm(`Delete the site “${s.name}”? Proximity rules stop watching it.`) &&
                      write.mutate({ path: `/api/sites/${s.id}`, method: 'DELETE', done: `Deleted “${s.name}”.` })
                    }
                  >
                    Delete
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      </section>
    </PageShell>
  );
}
