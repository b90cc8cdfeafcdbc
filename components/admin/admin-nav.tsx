import Link from 'next/link';
import { TriageCount } from '@/components/triage/triage-count';

/** Admin section navigation plus sign-out forms (plain posts: they work without JavaScript). */
export function AdminNav({ who }: { who: string }) {
  return (
    <nav
      className="mb-6 flex flex-wrap items-center gap-4 border-b pb-3 text-sm"
      style={{ borderColor: 'var(--border)' }}
      aria-label="Admin"
    >
      <Link href="/">Dashboard</Link>
      <Link href="/triage">
        Triage
        <TriageCount />
      </Link>
      <Link href="/admin/users">Users</Link>
      <Link href="/admin/tokens">API tokens</Link>
      <Link href="/admin/sources">Feed sources</Link>
      <Link href="/admin/audit">Audit trail</Link>
      <span className="ml-auto" style={{ color: 'var(--muted)' }}>
        {who}
      </span>
      <form method="post" action="/api/auth/sign-out">
        <button type="submit" className="underline">
          Sign out
        </button>
      </form>
      <form method="post" action="/api/auth/sign-out">
        <input type="hidden" name="everywhere" value="1" />
        <button type="submit" className="underline">
          Sign out everywhere
        </button>
      </form>
    </nav>
  );
}
