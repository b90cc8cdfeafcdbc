'use client';
import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';

/** Where the sheets take over: the phone layout of responsive.css starts at the same width. */
export const PHONE_QUERY = '(max-width: 900px)';

/**
 * Marks everything outside `el` inert (no focus, no clicks, hidden from assistive technology):
 * the focus trap of a modal sheet. Returns the undo. Elements already inert are left alone.
 */
function inertOutside(el: HTMLElement): () => void {
  const changed: HTMLElement[] = [];
  for (let node: HTMLElement | null = el; node && node !== document.body; node = node.parentElement) {
    for (const sib of node.parentElement?.children ?? []) {
      // The sheet's own backdrop stays live: a tap on it closes the sheet.
      if (sib === node || !(sib instanceof HTMLElement) || sib.inert || sib.classList.contains('fw-sheet-backdrop')) continue;
      sib.inert = true;
      changed.push(sib);
    }
  }
  return () => changed.forEach((s) => (s.inert = false));
}

/**
 * A panel that is part of the page on a wide screen and a modal sheet on a phone. The children
 * render once, in place: on a wide screen the wrapper is `display: contents` (responsive.css) and
 * `open` stays false; on a phone the wrapper is hidden until opened, then covers the screen with
 * the rest of the page inert, closes on Escape, the close button or the backdrop, and gives the
 * focus back to `returnTo`.
 */
export function Sheet({
  open,
  onClose,
  title,
  returnTo,
  side = 'left',
  testId,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  returnTo: RefObject<HTMLElement | null>;
  side?: 'left' | 'right';
  testId?: string;
  children: ReactNode;
}) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const el = ref.current;
    if (!open || !el) return;
    const undo = inertOutside(el);
    close.current?.focus();
    // Growing past the phone width turns the sheet back into a part of the page: close it.
    const media = window.matchMedia(PHONE_QUERY);
    const onMedia = () => !media.matches && onCloseRef.current();
    media.addEventListener('change', onMedia);
    // On the document, in the capture phase: Escape closes the sheet wherever the focus is (a tap on
    // text inside it leaves the focus on <body>), except the Escape that closes a picker's open
    // <details> inside it, which is the picker's (it runs later, on the way up).
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || (e.target instanceof Element && e.target.closest('details[open]'))) return;
      e.stopPropagation();
      onCloseRef.current();
    };
    document.addEventListener('keydown', onKey, true);
    const target = returnTo.current;
    return () => {
      undo();
      document.removeEventListener('keydown', onKey, true);
      media.removeEventListener('change', onMedia);
      target?.focus();
    };
  }, [open, returnTo]);

  return (
    <>
      {open && <div className="fw-sheet-backdrop" aria-hidden onClick={onClose} />}
      <div
        ref={ref}
        className={`fw-sheet fw-sheet-${side}${open ? ' is-open' : ''}`}
        role={open ? 'dialog' : undefined}
        aria-modal={open || undefined}
        aria-labelledby={open ? titleId : undefined}
        data-testid={testId}
      >
        <div className="fw-sheet-head">
          <h2 id={titleId}>{title}</h2>
          <button ref={close} type="button" className="fw-button fw-sheet-close" onClick={onClose}>
            Close
          </button>
        </div>
        {children}
      </div>
    </>
  );
}
