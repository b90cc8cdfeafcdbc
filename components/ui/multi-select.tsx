'use client';
import { useEffect, useId, useRef, useState } from 'react';

export interface Option {
  value: string;
  label: string;
  count?: number;
  colour?: string;
}

/**
 * A labelled disclosure of checkboxes. Native <details>/<input type=checkbox> give keyboard
 * use (Enter/Space on the summary, Tab through the options) and screen-reader semantics
 * without a popover library in the first-load bundle.
 */
export function MultiSelect({
  label,
  options,
  selected,
  onChange,
}: {
  label: string;
  options: Option[];
  selected: string[];
  onChange: (next: string[]) => void;
}) {
  const id = useId();
  // Reflect a click at once; the URL (and so `selected`) catches up after navigation.
  const [local, setLocal] = useState(selected);
  const selectedKey = selected.join(',');
  const [syncedKey, setSyncedKey] = useState(selectedKey);
  if (syncedKey !== selectedKey) {
    setSyncedKey(selectedKey);
    setLocal(selected);
  }
  const change = (next: string[]) => {
    setLocal(next);
    onChange(next);
  };
  const chosen = new Set(local);
  const ref = useRef<HTMLDetailsElement>(null);
  // Close like a menu: on Escape (focus back to the summary) or a click elsewhere.
  useEffect(() => {
    const onPointer = (e: PointerEvent) => {
      if (ref.current?.open && !ref.current.contains(e.target as Node)) ref.current.open = false;
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, []);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape' && ref.current?.open) {
      ref.current.open = false;
      ref.current.querySelector('summary')?.focus();
    }
  };
  const summary =
    local.length === 0
      ? 'All'
      : local.length === 1
        ? (options.find((o) => o.value === local[0])?.label ?? local[0])
        : `${local.length} selected`;
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- delegates Escape from the checkboxes inside to close the menu
    <details className="fw-select" ref={ref} onKeyDown={onKeyDown}>
      <summary aria-label={`${label}: ${summary}`}>
        <span className="fw-select-label">{label}</span> <span className="fw-select-value">{summary}</span>
      </summary>
      <fieldset className="fw-select-menu">
        <legend className="sr-only">{label}</legend>
        {local.length > 0 && (
          <button type="button" className="fw-link" onClick={() => change([])}>
            Clear {label.toLowerCase()}
          </button>
        )}
        {options.length === 0 && <p className="fw-muted">No values in this filter.</p>}
        {options.map((o) => (
          <label key={o.value} htmlFor={`${id}-${o.value}`} className="fw-option">
            <input
              id={`${id}-${o.value}`}
              type="checkbox"
              checked={chosen.has(o.value)}
              onChange={(e) => change(e.target.checked ? [...local, o.value] : local.filter((v) => v !== o.value))}
            />
            {o.colour && <span className="fw-swatch" style={{ background: o.colour }} aria-hidden />}
            <span className="fw-option-label">{o.label}</span>
            {o.count !== undefined && <span className="tabular fw-muted">{o.count.toLocaleString('en-US')}</span>}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
