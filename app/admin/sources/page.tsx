import type { Metadata } from 'next';
import { getStore } from '@/db/client';
import { listSources } from '@/db/queries/sources';
import { AdminNav } from '@/components/admin/admin-nav';
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

function RowButton({ id, label, name, action }: { id: number; label: string; name: string; action: (fd: FormData) => Promise<void> }) {
  return (
    <form action={action} className="mr-2 inline">
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="underline" aria-label={`${label} ${name}`}>
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
    <main className="p-6">
      <AdminNav who={me.name} />
      <h1 className="mb-2 text-2xl font-semibold">Feed sources</h1>
      <p className="mb-4 max-w-3xl text-sm" style={{ color: 'var(--muted)' }}>
        New items become reports in the triage queue. The server fetches whatever URL a source names, internal addresses included, so only
        admins manage sources. A failing source backs off (doubling, up to 6 h).
      </p>
      {typeof sp.error === 'string' && (
        <p role="alert" className="mb-3 text-sm">
          {sp.error.slice(0, 300)}
        </p>
      )}
      {typeof sp.notice === 'string' && (
        <p role="status" className="mb-3 text-sm">
          {sp.notice.slice(0, 300)}
        </p>
      )}
      <CreateSourceForm create={createSourceAction} />
      <AcledSourceForm create={createAcledSourceAction} />
      <table className="mt-6 w-full text-left text-sm tabular">
        <thead>
          <tr>
            <th>Name</th>
            <th>Every</th>
            <th>Keywords</th>
            <th>Last fetch</th>
            <th>Last success</th>
            <th>Next fetch</th>
            <th>Reports</th>
            <th>Last error</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr key={s.id} data-testid="source-row" className="align-top">
              <td>
                {s.name}
                {s.synthetic && <span className="ml-1 text-xs">(synthetic)</span>}
                <br />
                <code className="text-xs break-all">{s.url}</code>
              </td>
              <td>{s.pollMinutes} min</td>
              <td>{s.kind === 'acled' ? <AcledSyncStatus source={s} /> : s.keywords.length ? s.keywords.join(', ') : 'all items'}</td>
              <td>{at(s.lastFetchAt)}</td>
              <td>{at(s.lastSuccessAt)}</td>
              <td>{s.enabled ? at(s.nextFetchAt) : 'disabled'}</td>
              <td>{s.itemsSeen}</td>
              <td data-testid="source-error">{s.lastError ?? '—'}</td>
              <td>
                <RowButton id={s.id} name={s.name} label="Fetch now" action={fetchSourceAction} />
                <RowButton id={s.id} name={s.name} label={s.enabled ? 'Disable' : 'Enable'} action={toggleSourceAction} />
                <RowButton id={s.id} name={s.name} label="Remove" action={deleteSourceAction} />
                {s.kind === 'acled' && <AcledEditForm source={s} save={updateAcledSourceAction} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sources.length === 0 && <p className="mt-3 text-sm">No sources yet: add a feed above, or with POST /api/sources.</p>}
    </main>
  );
}
