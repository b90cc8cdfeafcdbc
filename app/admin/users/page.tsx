import type { Metadata } from 'next';
import { getStore } from '@/db/client';
import { listUsers } from '@/db/services/users';
import { AdminNav } from '@/components/admin/admin-nav';
import { CreateUserForm } from '@/components/admin/create-user-form';
import { authorizePage } from '@/server/auth/authorize';
import { ROLES } from '@/lib/auth/roles';
import { formatUtc } from '@/lib/time/format-utc';
import { changeRoleAction, createUserAction, setDisabledAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users · Frontier Watch' };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await authorizePage('admin');
  const sp = await searchParams;
  const users = await listUsers(getStore());
  return (
    <main className="p-6">
      <AdminNav who={me.name} />
      <h1 className="mb-4 text-2xl font-semibold">Users</h1>
      {typeof sp.error === 'string' && (
        <p role="alert" className="mb-3 text-sm">
          {sp.error.slice(0, 300)}
        </p>
      )}
      <CreateUserForm create={createUserAction} />
      <table className="mt-6 w-full text-left text-sm tabular">
        <thead>
          <tr>
            <th>Email</th>
            <th>Name</th>
            <th>Role</th>
            <th>Last sign-in</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid="user-row">
              <td>{u.email}</td>
              <td>{u.name}</td>
              <td>
                <form action={changeRoleAction} className="flex gap-1">
                  <input type="hidden" name="id" value={u.id} />
                  <select name="role" defaultValue={u.role} aria-label={`Role of ${u.email}`} className="rounded border px-1">
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                  <button type="submit" className="underline">
                    Change role
                  </button>
                </form>
              </td>
              <td>{formatUtc(u.lastSignInAt)}</td>
              <td>
                <form action={setDisabledAction} className="flex gap-2">
                  <input type="hidden" name="id" value={u.id} />
                  <input type="hidden" name="disabled" value={u.disabledAt ? '0' : '1'} />
                  <span>{u.disabledAt ? 'disabled' : 'active'}</span>
                  <button type="submit" className="underline">
                    {u.disabledAt ? 'Enable' : 'Disable'}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-4 text-xs" style={{ color: 'var(--muted)' }}>
        Changing a role or disabling an account ends that person&apos;s sessions at once.
      </p>
    </main>
  );
}
