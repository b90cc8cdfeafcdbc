import type { ReactNode } from 'react';
import { SiteNav, type Section } from './site-nav';

/**
 * The frame of every page outside the dashboard: the title and the section nav on one row, an
 * optional intro line, then the content at the full page width (pages lay out lists and forms
 * side by side with `.fw-split`). `nav` replaces the section nav (the admin pages add their own).
 */
export function PageShell({
  title,
  current,
  intro,
  nav,
  className,
  children,
}: {
  title: ReactNode;
  current?: Section;
  intro?: ReactNode;
  nav?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <main className={className ? `fw-page ${className}` : 'fw-page'}>
      <header className="fw-page-head">
        <h1>{title}</h1>
        {nav ?? <SiteNav current={current} />}
      </header>
      {intro && <p className="fw-page-intro">{intro}</p>}
      {children}
    </main>
  );
}
