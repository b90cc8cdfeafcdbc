'use client';
import { useEffect, useRef, useState } from 'react';

/**
 * A free-text search box owned by the URL: what the user types is committed after a pause (or on
 * Enter), so typing neither refetches per key nor floods the history; a new value from the URL
 * replaces the draft. Used by the dashboard's filters and the triage queue.
 */
export function SearchField({
  value,
  onCommit,
  placeholder,
  delayMs = 500,
  className = 'fw-field',
}: {
  value: string;
  onCommit: (q: string) => void;
  placeholder: string;
  delayMs?: number;
  className?: string;
}) {
  const [text, setText] = useState(value);
  // A new value from the URL replaces the draft, adjusted during render rather than in an effect.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  const commit = useRef(onCommit);
  useEffect(() => {
    commit.current = onCommit;
  });
  useEffect(() => {
    if (text.trim() === value) return;
    const t = setTimeout(() => commit.current(text.trim()), delayMs);
    return () => clearTimeout(t);
  }, [text, value, delayMs]);
  return (
    <label className={className}>
      <span>Search</span>
      <input
        type="search"
        maxLength={200}
        placeholder={placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && onCommit(text.trim())}
      />
    </label>
  );
}
