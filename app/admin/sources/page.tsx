import type { Metadata } from 'next';
import { getStore } from '@/db/client';
import { listSources } from '@/db/queries/sources';
import { AdminNav } from '@/components/admin/admin-nav';
import { PageShell } from '@/components/ui/page-shell';
import { CreateSourceForm } from '@/components/admin/create-source-form';
import { AcledEditForm, AcledSourceForm } from '@/components/admin/acled-source-form';
import { AcledSyncStatus } from '@/components/admin/acled-sync-status';
import { authorizePage } from '@/server/auth/authorize';
import { formatUtc } from '@/lib/time/format-utc';
import {
  createAcledSourceAction,
  createSourceAction,
  deleteSourceAction,
  fetchSourceAction,
  toggleSourceAction,
  updateAcledSourceAction,
} from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Feed sources · Frontier Watch' };

const at = (iso: string | null) => formatUtc(iso === null ? null : Date.parse(iso));

function RowButton(props: { id: number; label: string; name: string; action: (fd: FormData) => Promise<void>; danger?: boolean }) {
  const { id, label, name, action, danger } = props;
  return (
    <form action={action} className="fw-inline-form">
      <input type="hidden" name="id" value={id} />
      <button type="submit" className={`fw-button fw-button-small${danger ? ' fw-button-danger' : ''}`} aria-label={`${label} ${name}`}>
        {label}
      </button>
    </form>
  );
}

/** News feeds the server polls; a failing one shows its last error and when it is tried again. */
export default async function SourcesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await authorizePage('admin');
  const sp = await searchParams;
  const sources = await listSources(getStore());
  return (
    <PageShell
      title="Feed sources"
      nav={<AdminNav who={me.name} current="/admin/sources" />}
      intro="New items become reports in the triage queue. The server fetches whatever URL a source names, internal addresses included, so only admins manage sources. A failing source backs off (doubling, up to 6 h). Times are UTC."
    >
      {typeof sp.error === 'string' && (
        <p role="alert" className="fw-error">
          {sp.error.slice(0, 300)}
        </p>
      )}
      {typeof sp.notice === 'string' && (
        <p role="status" className="fw-notice">
          {sp.notice.slice(0, 300)}
        </p>
      )}
      <section aria-labelledby="fw-sources-title">
        <h2 id="fw-sources-title">Sources ({sources.length})</h2>
        {sources.length === 0 ? (
          <p className="fw-empty-state">No sources yet: add a feed with the form below, or with POST /api/sources.</p>
        ) : (
          <div className="fw-table-scroll">
            <table className="fw-data">
              <thead>
                <tr>
                  <th>Name</th>
                  <th className="fw-num">Every</th>
                  <th>Keywords</th>
                  <th>Last fetch</th>
                  <th>Last success</th>
                  <th>Next fetch</th>
                  <th className="fw-num">Reports</th>
                  <th>Last error</th>
                  <th>Actions</th>
                </tr>
              </thead>
              <tbody>
                {sources.map((s) => (
                  <tr key={s.id} data-testid="source-row">
                    <td>
                      {s.name}
                      {s.synthetic && <span className="fw-badge">synthetic</span>}
                      <br />
                      <code>{s.url}</code>
                    </td>
                    <td className="fw-num fw-nowrap">{s.pollMinutes} min</td>
                    <td>{s.kind === 'acled' ? <AcledSyncStatus source={s} /> : s.keywords.length ? s.keywords.join(', ') : 'all items'}</td>
                    <td className="fw-nowrap">{at(s.lastFetchAt)}</td>
                    <td className="fw-nowrap">{at(s.lastSuccessAt)}</td>
                    <td className="fw-nowrap">{s.enabled ? at(s.nextFetchAt) : 'disabled'}</td>
                    <td className="fw-num">{s.itemsSeen.toLocaleString('en-US')}</td>
                    <td data-testid="source-error">{s.lastError ?? '—'}</td>
                    <td>
                      <span className="fw-inline-form">
                        <RowButton id={s.id} name={s.name} label="Fetch now" action={fetchSourceAction} />
                        <RowButton id={s.id} name={s.name} label={s.enabled ? 'Disable' : 'Enable'} action={toggleSourceAction} />
                        <RowButton id={s.id} name={s.name} label="Remove" action={deleteSourceAction} danger />
                      </span>
                      {s.kind === 'acled' && <AcledEditForm source={s} save={updateAcledSourceAction} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <div className="fw-measure">
        <CreateSourceForm create={createSourceAction} />
        <AcledSourceForm create={createAcledSourceAction} />
      </div>
    </PageShell>
  );
}
