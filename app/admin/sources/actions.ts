'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getStore } from '@/db/client';
import { createSource, deleteSource, updateSource } from '@/db/services/sources';
import { findSourceRow } from '@/db/queries/sources';
import { authorizeAction } from '@/server/auth/authorize';
import { fetchSourceNow } from '@/server/intake/poll-route';
import { formFields } from '@/lib/auth/admin-input';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { sourceCreateSchema, sourceFromForm, sourceIdForm, sourcePatchSchema } from '@/lib/validation/source-input';
import { acledFromForm } from '@/lib/validation/acled-source-input';
import { describeIssues, toIssues } from '@/lib/validation/zod-issues';

export interface CreateSourceState {
  error?: string;
  created?: string;
  saved?: string;
}

const PAGE = '/admin/sources';

/** Creates a source from a form mapped to the API's fields by `fromForm`: the one path of both forms. */
async function createFromForm(fd: FormData, fromForm: (fields: ReturnType<typeof formFields>) => unknown): Promise<CreateSourceState> {
  const principal = await authorizeAction('admin');
  const parsed = sourceCreateSchema.safeParse(fromForm(formFields(fd)));
  if (!parsed.success) return { error: describeIssues(toIssues(parsed.error)) };
  try {
    await createSource(getStore(), parsed.data, principal.id);
  } catch (err) {
    if (err instanceof AppError) return { error: err.message };
    throw err;
  }
  revalidatePath(PAGE);
  return { created: parsed.data.name };
}

/** Adds a source from the page's form; due at once, so the scheduler fetches it on its next pass. */
export async function createSourceAction(_prev: CreateSourceState, fd: FormData): Promise<CreateSourceState> {
  return createFromForm(fd, sourceFromForm);
}

/** Adds an ACLED API account from the page's ACLED form (the password is sealed, never shown again). */
export async function createAcledSourceAction(_prev: CreateSourceState, fd: FormData): Promise<CreateSourceState> {
  return createFromForm(fd, (fields) => acledFromForm(fields));
}

/** Saves an ACLED source's edit form; a blank password keeps the stored one. */
export async function updateAcledSourceAction(_prev: CreateSourceState, fd: FormData): Promise<CreateSourceState> {
  const principal = await authorizeAction('admin');
  const fields = formFields(fd);
  const id = sourceIdForm.safeParse(fields);
  if (!id.success) return { error: 'invalid form' };
  const parsed = sourcePatchSchema.safeParse(acledFromForm(fields, true));
  if (!parsed.success) return { error: describeIssues(toIssues(parsed.error)) };
  try {
    const s = await updateSource(getStore(), id.data.id, parsed.data, principal.id);
    revalidatePath(PAGE);
    return { saved: s.name };
  } catch (err) {
    if (err instanceof AppError) return { error: err.message };
    throw err;
  }
}

/** Runs one row action, then back to the page with what happened (or what went wrong) in the URL. */
async function rowAction(fd: FormData, run: (id: number, actor: string) => Promise<string> | string): Promise<never> {
  const principal = await authorizeAction('admin');
  const parsed = sourceIdForm.safeParse(formFields(fd));
  if (!parsed.success) redirect(`${PAGE}?error=invalid+form`);
  let notice: string;
  try {
    notice = `notice=${encodeURIComponent(await run(parsed.data.id, principal.id))}`;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    notice = `error=${encodeURIComponent(err.message)}`;
  }
  revalidatePath(PAGE);
  redirect(`${PAGE}?${notice}`);
}

export async function toggleSourceAction(fd: FormData): Promise<void> {
  await rowAction(fd, async (id, actor) => {
    const row = await findSourceRow(getStore(), id);
    if (!row) throw new AppError('not_found', `No source ${id}.`);
    const s = await updateSource(getStore(), id, { enabled: !row.enabled }, actor);
    return `${s.name} ${s.enabled ? 'enabled' : 'disabled'}.`;
  });
}

export async function deleteSourceAction(fd: FormData): Promise<void> {
  await rowAction(fd, async (id, actor) => {
    await deleteSource(getStore(), id, actor);
    return `Source ${id} removed; its reports stay.`;
  });
}

export async function fetchSourceAction(fd: FormData): Promise<void> {
  await rowAction(fd, async (id) => {
    const r = await fetchSourceNow(getStore(), id, { timeZone: env().REPORT_TIME_ZONE });
    const failed = r.errors.find((e) => e.item === undefined);
    if (failed) return `Source ${id} failed: ${failed.message}`;
    return `Source ${id}: ${r.fetched} fetched, ${r.created} new, ${r.duplicates} already seen${r.errors.length ? `, ${r.errors.length} item errors` : ''}.`;
  });
}
