import Link from 'next/link';
import { TriageCount } from '@/components/triage/triage-count';
import { NavMenu } from './nav-menu';

const SECTIONS = [
  { href: '/', label: 'Live map' },
  { href: '/triage', label: 'Triage' },
  { href: '/matches', label: 'Matches' },
  { href: '/reports/weekly', label: 'Weekly brief' },
  { href: '/rules', label: 'Alert rules' },
  { href: '/sites', label: 'Sites' },
  { href: '/subscriptions', label: 'Subscriptions' },
  { href: '/admin/users', label: 'Admin' },
] as const;

export type Section = (typeof SECTIONS)[number]['href'];

/**
 * Links between the product's sections; `current` marks the page the reader is on. On a narrow
 * screen the links fold behind a "Menu" button (NavMenu).
 */
export function SiteNav({ current }: { current?: Section }) {
  return (
    <NavMenu label="Sections">
      {SECTIONS.map((s) => (
        // No prefetch: each prefetch renders a whole page on the server (the dashboard's counts at
        // that), competing with the data the open page is loading.
        <Link key={s.href} href={s.href} prefetch={false} aria-current={s.href === current ? 'page' : undefined}>
          {s.label}
          {s.href === '/triage' && <TriageCount />}
        </Link>
      ))}
      {/* A plain form post: signing out works without JavaScript and ends this session server-side. */}
      <form method="post" action="/api/auth/sign-out" className="fw-site-nav-signout">
        <button type="submit" className="fw-link">
          Sign out
        </button>
      </form>
    </NavMenu>
  );
}
