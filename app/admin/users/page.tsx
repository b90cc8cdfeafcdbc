import type { Metadata } from 'next';
import { getStore } from '@/db/client';
import { listUsers } from '@/db/services/users';
import { AdminNav } from '@/components/admin/admin-nav';
import { PageShell } from '@/components/ui/page-shell';
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
    <PageShell title="Users" nav={<AdminNav who={me.name} current="/admin/users" />}>
      {typeof sp.error === 'string' && (
        <p role="alert" className="fw-error">
          {sp.error.slice(0, 300)}
        </p>
      )}
      <div className="fw-split">
        <section aria-labelledby="fw-users-title">
          <h2 id="fw-users-title">Accounts ({users.length})</h2>
          <div className="fw-table-scroll">
            <table className="fw-data">
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
                      <form action={changeRoleAction} className="fw-inline-form">
                        <input type="hidden" name="id" value={u.id} />
                        <select name="role" defaultValue={u.role} aria-label={`Role of ${u.email}`}>
                          {ROLES.map((r) => (
                            <option key={r}>{r}</option>
                          ))}
                        </select>
                        <button type="submit" className="fw-button fw-button-small">
                          Change role
                        </button>
                      </form>
                    </td>
                    <td className="fw-nowrap">{formatUtc(u.lastSignInAt)}</td>
                    <td>
                      <form action={setDisabledAction} className="fw-inline-form">
                        <input type="hidden" name="id" value={u.id} />
                        <input type="hidden" name="disabled" value={u.disabledAt ? '0' : '1'} />
                        <span>{u.disabledAt ? 'disabled' : 'active'}</span>
                        <button type="submit" className={`fw-button fw-button-small${u.disabledAt ? '' : ' fw-button-danger'}`}>
                          {u.disabledAt ? 'Enable' : 'Disable'}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="fw-muted fw-small">Changing a role or disabling an account ends that person&apos;s sessions at once.</p>
        </section>
        <CreateUserForm create={createUserAction} />
      </div>
    </PageShell>
  );
}
