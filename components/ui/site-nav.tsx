'use client';
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { TriageCount } from '@/components/triage/triage-count';

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
 * screen (responsive.css) the links fold behind a "Menu" button; on a wide one the button is
 * hidden and the links always show, so the state below only matters on a phone.
 */
export function SiteNav({ current }: { current?: Section }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const nav = useRef<HTMLElement>(null);
  // Close like a menu: Escape (focus back on the button) or a tap outside.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!nav.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  return (
    <nav aria-label="Sections" className="fw-site-nav" data-open={open || undefined} ref={nav}>
      <button
        ref={button}
        type="button"
        className="fw-nav-toggle"
        aria-expanded={open}
        aria-controls={listId}
        data-testid="nav-menu"
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden className="fw-nav-icon" />
        Menu
      </button>
      <div id={listId} className="fw-site-nav-links">
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
      </div>
    </nav>
  );
}
