import Link from 'next/link';
import { TriageCount } from '@/components/triage/triage-count';
import { NavMenu } from '@/components/ui/nav-menu';

const ADMIN = [
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/tokens', label: 'API tokens' },
  { href: '/admin/sources', label: 'Feed sources' },
  { href: '/admin/audit', label: 'Audit trail' },
] as const;

/**
 * Admin section navigation plus sign-out forms (plain posts: they work without JavaScript). On a
 * phone it folds behind the same "Menu" button as the section nav (NavMenu) instead of wrapping.
 */
export function AdminNav({ who, current }: { who: string; current?: (typeof ADMIN)[number]['href'] }) {
  return (
    <NavMenu label="Admin" className="fw-admin-nav">
      <Link href="/" prefetch={false}>
        Dashboard
      </Link>
      <Link href="/triage" prefetch={false}>
        Triage
        <TriageCount />
      </Link>
      {ADMIN.map((a) => (
        <Link key={a.href} href={a.href} prefetch={false} aria-current={a.href === current ? 'page' : undefined}>
          {a.label}
        </Link>
      ))}
      <span className="fw-muted fw-admin-who">{who}</span>
      <form method="post" action="/api/auth/sign-out" className="fw-inline-form fw-site-nav-signout">
        <button type="submit" className="fw-link">
          Sign out
        </button>
      </form>
      <form method="post" action="/api/auth/sign-out" className="fw-inline-form fw-site-nav-signout">
        <input type="hidden" name="everywhere" value="1" />
        <button type="submit" className="fw-link">
          Sign out everywhere
        </button>
      </form>
    </NavMenu>
  );
}
