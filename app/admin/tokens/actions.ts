'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getStore } from '@/db/client';
import { createTokenAudited, revokeTokenAudited } from '@/db/services/token-admin';
import { authorizeAction } from '@/server/auth/authorize';
import { createTokenForm, formFields, revokeTokenForm, type CreateTokenState } from '@/lib/auth/admin-input';
import { AppError } from '@/lib/errors';
import { describeIssues, toIssues } from '@/lib/validation/zod-issues';

/** Creates an API token; the plaintext is returned this once and never stored. */
export async function createTokenAction(_prev: CreateTokenState, fd: FormData): Promise<CreateTokenState> {
  const principal = await authorizeAction('admin');
  const parsed = createTokenForm.safeParse(formFields(fd));
  if (!parsed.success) return { error: describeIssues(toIssues(parsed.error)) };
  const { name, role, expiresInDays } = parsed.data;
  const expiresAt = expiresInDays ? Date.now() + expiresInDays * 86_400_000 : null;
  const { token } = await createTokenAudited(getStore(), { name, role, expiresAt }, principal.id);
  revalidatePath('/admin/tokens');
  return { created: { name, role, token, expiresAt } };
}

/** Revocation is immediate: every request re-checks the token row. */
export async function revokeTokenAction(fd: FormData): Promise<void> {
  const principal = await authorizeAction('admin');
  const parsed = revokeTokenForm.safeParse(formFields(fd));
  if (!parsed.success) redirect('/admin/tokens?error=invalid+form');
  let problem: string | null = null;
  try {
    await revokeTokenAudited(getStore(), parsed.data.id, principal.id);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    problem = err.message;
  }
  revalidatePath('/admin/tokens');
  redirect(problem ? `/admin/tokens?error=${encodeURIComponent(problem)}` : '/admin/tokens');
}
