'use client';
import dynamic from 'next/dynamic';
import { useEffect, useRef, useState } from 'react';

export interface OpenView {
  id: number;
  name: string;
}

// The list and the save form load when the menu first opens, not with the dashboard.
const SavedViewsPanel = dynamic(() => import('./saved-views-panel').then((m) => m.SavedViewsPanel), {
  loading: () => <p className="fw-muted">Loading views…</p>,
});

/** The header's "Views" menu: saved and shared views, saving the current one, the start page. */
export function SavedViewsMenu({ open: current, canShare }: { open: OpenView | null; canShare: boolean }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    const onPointer = (e: PointerEvent) => {
      if (ref.current?.open && !ref.current.contains(e.target as Node)) ref.current.open = false;
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, []);
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- delegates Escape from the controls inside to close the menu
    <details
      ref={ref}
      className="fw-select fw-views"
      data-testid="saved-views"
      onToggle={(e) => e.currentTarget.open && setOpened(true)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && ref.current?.open) {
          ref.current.open = false;
          ref.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary className="fw-button">{current ? `View: ${current.name}` : 'Views'}</summary>
      <div className="fw-select-menu fw-views-menu">
        {opened && <SavedViewsPanel current={current} canShare={canShare} close={() => ref.current && (ref.current.open = false)} />}
      </div>
    </details>
  );
}
