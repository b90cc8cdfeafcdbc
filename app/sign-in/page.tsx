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
    <main className="fw-page fw-page-narrow">
      <div className="fw-card fw-form">
        <h1 className="fw-page-title">Sign in to Frontier Watch</h1>
        {failed && (
          <p role="alert" className="fw-error" data-testid="sign-in-error">
            {SIGN_IN_FAILED}
          </p>
        )}
        {signedOut && !failed && (
          <p role="status" className="fw-notice">
            You are signed out.
          </p>
        )}
        <form method="post" action="/api/auth/sign-in" className="fw-form">
          <input type="hidden" name="next" value={next} />
          <label className="fw-field">
            <span>Email</span>
            <input name="email" type="email" required maxLength={254} autoComplete="username" />
          </label>
          <label className="fw-field">
            <span>Password</span>
            <input name="password" type="password" required maxLength={256} autoComplete="current-password" />
          </label>
          <div className="fw-form-actions">
            <button type="submit" className="fw-button fw-button-primary">
              Sign in
            </button>
          </div>
        </form>
        <p className="fw-muted fw-small">
          Accounts are created by an administrator. Forgotten password: ask an admin to create a new account or reset yours.
        </p>
      </div>
    </main>
  );
}
