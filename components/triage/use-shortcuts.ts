'use client';
import { useEffect, useRef } from 'react';

/** True when a key press belongs to something the reader is typing into, not to the page. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  // A checkbox, radio or button has focus after a click; single letters still mean shortcuts there.
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

/**
 * Single-letter shortcuts for the page (`a`, `m`, `d`, `j`, `k`): ignored while typing in a form
 * field, with a modifier held (browser and screen-reader shortcuts keep working) or on repeat.
 */
export function useShortcuts(keys: Partial<Record<string, () => void>>, enabled = true): void {
  const ref = useRef(keys);
  useEffect(() => {
    ref.current = keys;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTyping(e.target)) return;
      const run = ref.current[e.key];
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
