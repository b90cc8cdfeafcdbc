import type { Metadata } from 'next';
import { getStore } from '@/db/client';
import { listApiTokens } from '@/db/queries/api-tokens';
import { AdminNav } from '@/components/admin/admin-nav';
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
    <main className="p-6">
      <AdminNav who={me.name} />
      <h1 className="mb-4 text-2xl font-semibold">API tokens</h1>
      {typeof sp.error === 'string' && (
        <p role="alert" className="mb-3 text-sm">
          {sp.error.slice(0, 300)}
        </p>
      )}
      <CreateTokenForm create={createTokenAction} />
      <table className="mt-6 w-full text-left text-sm tabular">
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
              <td>{formatUtc(t.createdAt)}</td>
              <td>{t.expiresAt ? formatUtc(t.expiresAt) : 'never'}</td>
              <td>
                {status(t, now)}
                {status(t, now) === 'active' && (
                  <form action={revokeTokenAction} className="ml-2 inline">
                    <input type="hidden" name="id" value={t.id} />
                    <button type="submit" className="underline" aria-label={`Revoke ${t.name}`}>
                      Revoke
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {tokens.length === 0 && <p className="mt-3 text-sm">No tokens yet: create one above, or with npm run token:create.</p>}
    </main>
  );
}
