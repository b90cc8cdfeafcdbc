import type { Metadata } from 'next';
import { getStore } from '@/db/client';
import { listApiTokens } from '@/db/queries/api-tokens';
import { AdminNav } from '@/components/admin/admin-nav';
import { PageShell } from '@/components/ui/page-shell';
import { CreateTokenForm } from '@/components/admin/create-token-form';
import { authorizePage } from '@/server/auth/authorize';
import { formatUtc } from '@/lib/time/format-utc';
import { createTokenAction, revokeTokenAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API tokens · Frontier Watch' };

function status(t: { revokedAt: number | null; expiresAt: number | null }, now: number): string {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt !== null && t.expiresAt <= now) return 'expired';
  return 'active';
}

export default async function TokensPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await authorizePage('admin');
  const sp = await searchParams;
  const tokens = await listApiTokens(getStore());
  const now = Date.now();
  return (
    <PageShell title="API tokens" nav={<AdminNav who={me.name} current="/admin/tokens" />}>
      {typeof sp.error === 'string' && (
        <p role="alert" className="fw-error">
          {sp.error.slice(0, 300)}
        </p>
      )}
      <div className="fw-split">
        <section aria-labelledby="fw-tokens-title">
          <h2 id="fw-tokens-title">Tokens ({tokens.length})</h2>
          {tokens.length === 0 ? (
            <p className="fw-empty-state">No tokens yet: create one with the form, or with npm run token:create.</p>
          ) : (
            <div className="fw-table-scroll">
              <table className="fw-data">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Prefix</th>
                    <th>Role</th>
                    <th>Created</th>
                    <th>Expires</th>
                    <th>Status</th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.map((t) => (
                    <tr key={t.id} data-testid="token-row">
                      <td>{t.name}</td>
                      <td>
                        <code>{t.prefix}…</code>
                      </td>
                      <td>{t.role}</td>
                      <td className="fw-nowrap">{formatUtc(t.createdAt)}</td>
                      <td className="fw-nowrap">{t.expiresAt ? formatUtc(t.expiresAt) : 'never'}</td>
                      <td>
                        <span className="fw-inline-form">
                          {status(t, now)}
                          {status(t, now) === 'active' && (
                            <form action={revokeTokenAction} className="fw-inline-form">
                              <input type="hidden" name="id" value={t.id} />
                              <button type="submit" className="fw-button fw-button-small fw-button-danger" aria-label={`Revoke ${t.name}`}>
                                Revoke
                              </button>
                            </form>
                          )}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <CreateTokenForm create={createTokenAction} />
      </div>
    </PageShell>
  );
}
