import type { Metadata } from 'next';
import Link from 'next/link';
import { getStore } from '@/db/client';
import { auditFacets, listAudit } from '@/db/queries/audit';
import { AdminNav } from '@/components/admin/admin-nav';
import { authorizePage } from '@/server/auth/authorize';
import { changedFields, formatValue } from '@/lib/audit/diff';
import { auditFilterSchema } from '@/lib/validation/audit-filter';
import { formatUtc } from '@/lib/time/format-utc';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit trail · Frontier Watch' };

const FIELDS = ['actor', 'action', 'entity', 'entityId', 'from', 'to'] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await authorizePage('admin');
  const sp = await searchParams;
  const raw = Object.fromEntries([...FIELDS, 'cursor'].map((k) => [k, typeof sp[k] === 'string' ? sp[k] : undefined]));
  const parsed = auditFilterSchema.safeParse(raw);
  const db = getStore();
  const page = parsed.success ? await listAudit(db, parsed.data) : null;
  const facets = await auditFacets(db);
  const nextHref = () => {
    const q = new URLSearchParams();
    for (const k of FIELDS) if (raw[k]) q.set(k, raw[k]);
    q.set('cursor', String(page?.nextCursor));
    return `/admin/audit?${q}`;
  };
  return (
    <main className="p-6">
      <AdminNav who={me.name} />
      <h1 className="mb-4 text-2xl font-semibold">Audit trail</h1>
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3 text-sm" aria-label="Filter audit trail">
        <label className="flex flex-col">
          Actor
          <input
            name="actor"
            defaultValue={raw.actor}
            placeholder="user:1, token:, cli"
            maxLength={200}
            className="rounded border px-2 py-1"
          />
        </label>
        <label className="flex flex-col">
          Action
          <select name="action" defaultValue={raw.action ?? ''} className="rounded border px-2 py-1">
            <option value="">any</option>
            {facets.actions.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          Entity
          <select name="entity" defaultValue={raw.entity ?? ''} className="rounded border px-2 py-1">
            <option value="">any</option>
            {facets.entities.map((e) => (
              <option key={e}>{e}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          Entity id
          <input name="entityId" defaultValue={raw.entityId} maxLength={200} className="w-24 rounded border px-2 py-1" />
        </label>
        <label className="flex flex-col">
          From (UTC)
          <input name="from" type="datetime-local" defaultValue={raw.from} className="rounded border px-2 py-1" />
        </label>
        <label className="flex flex-col">
          To (UTC)
          <input name="to" type="datetime-local" defaultValue={raw.to} className="rounded border px-2 py-1" />
        </label>
        <button type="submit" className="rounded border px-3 py-1">
          Filter
        </button>
      </form>
      {!page && <p role="alert">Invalid filter: {parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}</p>}
      {page && page.items.length === 0 && <p>No audit entries match. Clear a filter to see more.</p>}
      {page && page.items.length > 0 && (
        <table className="w-full text-left text-sm tabular" data-testid="audit-table">
          <thead>
            <tr>
              <th>When</th>
              <th>Actor</th>
              <th>Action</th>
              <th>Entity</th>
              <th>Changes</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((r) => (
              <tr key={r.id} className="align-top" data-testid="audit-row">
                <td>{formatUtc(r.at)}</td>
                <td>{r.actor}</td>
                <td>{r.action}</td>
                <td>
                  {r.entity}
                  {r.entityId ? ` #${r.entityId}` : ''}
                </td>
                <td>
                  {changedFields(r.before, r.after)
                    .slice(0, 12)
                    .map((c) => (
                      <div key={c.field}>
                        <code>{c.field}</code>: {formatValue(c.before, 60)} → {formatValue(c.after, 60)}
                      </div>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page?.nextCursor && (
        <p className="mt-3">
          <Link href={nextHref()}>Older entries</Link>
        </p>
      )}
    </main>
  );
}
