'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getStore } from '@/db/client';
import { createUser, updateUser } from '@/db/services/users';
import { authorizeAction } from '@/server/auth/authorize';
import { changeRoleForm, createUserForm, formFields, setDisabledForm, type CreateUserState } from '@/lib/auth/admin-input';
import { AppError } from '@/lib/errors';
import { describeIssues, toIssues } from '@/lib/validation/zod-issues';

/** Creates an account with a generated password, returned once for the admin to hand over. */
export async function createUserAction(_prev: CreateUserState, fd: FormData): Promise<CreateUserState> {
  const principal = await authorizeAction('admin');
  const parsed = createUserForm.safeParse(formFields(fd));
  if (!parsed.success) return { error: describeIssues(toIssues(parsed.error)) };
  try {
    const { user, password } = await createUser(getStore(), parsed.data, principal.id);
    revalidatePath('/admin/users');
    return { created: { email: user.email, role: user.role, password } };
  } catch (err) {
    if (err instanceof AppError) return { error: err.message };
    throw err;
  }
}

async function applyUserChange(run: () => Promise<unknown>): Promise<void> {
  let problem: string | null = null;
  try {
    await run();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    problem = err.message;
  }
  revalidatePath('/admin/users');
  // Plain form posts (no JS) land back on the list, with the problem shown if there was one.
  redirect(problem ? `/admin/users?error=${encodeURIComponent(problem)}` : '/admin/users');
}

export async function changeRoleAction(fd: FormData): Promise<void> {
  const principal = await authorizeAction('admin');
  const parsed = changeRoleForm.safeParse(formFields(fd));
  if (!parsed.success) redirect('/admin/users?error=invalid+form');
  await applyUserChange(() => updateUser(getStore(), parsed.data.id, { role: parsed.data.role }, principal.id));
}

export async function setDisabledAction(fd: FormData): Promise<void> {
  const principal = await authorizeAction('admin');
  const parsed = setDisabledForm.safeParse(formFields(fd));
  if (!parsed.success) redirect('/admin/users?error=invalid+form');
  await applyUserChange(() => updateUser(getStore(), parsed.data.id, { disabled: parsed.data.disabled === '1' }, principal.id));
}
