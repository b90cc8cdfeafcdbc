'use client';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A navigation that folds behind a "Menu" button on a narrow screen (responsive.css); on a wide
 * one the button is hidden and the children always show, so the state below only matters on a
 * phone. The section nav and the admin nav both use it, so they fold alike.
 */
export function NavMenu({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
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
    <nav aria-label={label} className={className ? `fw-site-nav ${className}` : 'fw-site-nav'} data-open={open || undefined} ref={nav}>
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
        {children}
      </div>
    </nav>
  );
}
