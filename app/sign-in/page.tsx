import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { identify } from '@/server/auth/authorize';
import { SIGN_IN_FAILED } from '@/server/auth/sign-in';
import { safeNext } from '@/server/auth/form-body';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in · Frontier Watch' };

async function signedIn(h: Headers): Promise<boolean> {
  try {
    return (await identify({ headers: h }))?.kind === 'user';
  } catch {
    return false;
  }
}

type Search = Promise<Record<string, string | string[] | undefined>>;

/** Public. A plain form posting to /api/auth/sign-in, so it works before (or without) JavaScript. */
export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const next = safeNext(typeof sp.next === 'string' ? sp.next : undefined);
  const failed = sp.error !== undefined;
  const signedOut = sp['signed-out'] !== undefined;
  if (!failed && !signedOut && (await signedIn(await headers()))) redirect(next);
  return (
    <main className="mx-auto mt-16 max-w-sm rounded border p-6" style={{ borderColor: 'var(--border)', background: 'var(--panel)' }}>
      <h1 className="mb-4 text-2xl font-semibold">Sign in to Frontier Watch</h1>
      {failed && (
        <p role="alert" className="mb-3 text-sm" data-testid="sign-in-error">
          {SIGN_IN_FAILED}
        </p>
      )}
      {signedOut && !failed && (
        <p role="status" className="mb-3 text-sm">
          You are signed out.
        </p>
      )}
      <form method="post" action="/api/auth/sign-in" className="flex flex-col gap-3">
        <input type="hidden" name="next" value={next} />
        <label className="flex flex-col gap-1 text-sm">
          Email
          <input name="email" type="email" required maxLength={254} autoComplete="username" className="rounded border px-2 py-1" />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Password
          <input
            name="password"
            type="password"
            required
            maxLength={256}
            autoComplete="current-password"
            className="rounded border px-2 py-1"
          />
        </label>
        {/* Text in the panel colour: white on the dark theme's light accent is unreadable. */}
        <button type="submit" className="rounded px-3 py-1.5 font-medium" style={{ background: 'var(--accent)', color: 'var(--panel)' }}>
          Sign in
        </button>
      </form>
      <p className="mt-4 text-xs" style={{ color: 'var(--muted)' }}>
        Accounts are created by an administrator. Forgotten password: ask an admin to create a new account or reset yours.
      </p>
    </main>
  );
}
