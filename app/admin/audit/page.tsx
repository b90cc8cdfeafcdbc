import type { Metadata } from 'next';
import Link from 'next/link';
import { getStore } from '@/db/client';
import { auditFacets, listAudit } from '@/db/queries/audit';
import { AdminNav } from '@/components/admin/admin-nav';
import { DateField } from '@/components/ui/date-field';
import { PageShell } from '@/components/ui/page-shell';
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
  const bound = (k: 'from' | 'to') => (parsed.success ? parsed.data[k] : raw[k]) ?? '';
  return (
    <PageShell title="Audit trail" nav={<AdminNav who={me.name} current="/admin/audit" />}>
      <form method="get" className="fw-toolbar fw-card" aria-label="Filter audit trail">
        <label className="fw-field">
          <span>Actor</span>
          <input name="actor" defaultValue={raw.actor} placeholder="user:1, token:, cli" maxLength={200} />
        </label>
        <label className="fw-field">
          <span>Action</span>
          <select name="action" defaultValue={raw.action ?? ''}>
            <option value="">any</option>
            {facets.actions.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label className="fw-field">
          <span>Entity</span>
          <select name="entity" defaultValue={raw.entity ?? ''}>
            <option value="">any</option>
            {facets.entities.map((e) => (
              <option key={e}>{e}</option>
            ))}
          </select>
        </label>
        <label className="fw-field fw-narrow">
          <span>Entity id</span>
          <input name="entityId" defaultValue={raw.entityId} maxLength={200} />
        </label>
        <DateField label="From (UTC)" name="from" withTime testId="audit-from" defaultValue={bound('from')} />
        <DateField label="To (UTC)" name="to" withTime testId="audit-to" defaultValue={bound('to')} alignEnd />
        <button type="submit" className="fw-button fw-button-primary">
          Filter
        </button>
      </form>
      {!page && (
        <p role="alert" className="fw-error">
          Invalid filter: {parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}
        </p>
      )}
      {page && page.items.length === 0 && <p className="fw-empty-state">No audit entries match. Clear a filter to see more.</p>}
      {page && page.items.length > 0 && (
        <div className="fw-table-scroll">
          <table className="fw-data" data-testid="audit-table">
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
                <tr key={r.id} data-testid="audit-row">
                  <td className="fw-nowrap">{formatUtc(r.at)}</td>
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
        </div>
      )}
      {page?.nextCursor && (
        <p>
          <Link href={nextHref()} className="fw-button">
            Older entries
          </Link>
        </p>
      )}
    </PageShell>
  );
}
