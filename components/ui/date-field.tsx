'use client';
import { lazy, Suspense, useEffect, useId, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { formatCalendarValue, parseCalendarText } from '@/lib/time/calendar-text';

// The calendar (react-day-picker) loads the first time a popover opens: pages with date fields
// (the dashboard's filter bar among them) do not carry it in their first-load JS.
const DateCalendar = lazy(() => import('./date-calendar'));
const noop = () => () => {};

interface Props {
  label: ReactNode;
  /** Controlled value: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm` with `withTime`; '' for none. */
  value?: string;
  /** Uncontrolled start value (server-rendered GET forms). */
  defaultValue?: string;
  onChange?: (value: string) => void;
  /** Form field name: the canonical value is submitted under it. */
  name?: string;
  withTime?: boolean;
  min?: string;
  max?: string;
  testId?: string;
  /** Open the calendar towards the left (fields near the right edge). */
  alignEnd?: boolean;
  required?: boolean;
}

/**
 * A date (or date-and-time) field that reads like every other date in the app ("5 Dec 2026",
 * "5 Dec 2026 14:30") instead of the browser's locale format. Typing is accepted in the
 * display form, ISO (`2026-12-05`), or day-first numerals (`05/12/2026`); a calendar popover
 * offers picking. Without JavaScript the text box itself is submitted and the server reads
 * the same forms (lib/time/calendar-text.ts); once hydrated a hidden input carries the
 * canonical value, so URLs and request bodies keep `YYYY-MM-DD`.
 */
export function DateField({
  label,
  value,
  defaultValue = '',
  onChange,
  name,
  withTime = false,
  min,
  max,
  testId,
  alignEnd,
  required,
}: Props) {
  const [own, setOwn] = useState(defaultValue);
  const committed = value ?? own;
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  // False on the server and in the hydration pass, true after: the no-JS form posts the text box.
  const hydrated = useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
  const box = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const text = useRef<HTMLInputElement>(null);
  const id = useId();
  // What a submission sends right now: typed text that reads as a date counts even before it is
  // committed (a click on Submit may come before the blur is rendered); text that does not read
  // as one makes the browser refuse the submission with the reason.
  const pending = draft === null ? null : parseCalendarText(draft, withTime);
  const submitted = pending?.ok ? pending.value : committed;
  const invalid = pending && !pending.ok ? `“${draft!.trim().slice(0, 40)}” ${pending.message}.` : '';
  useEffect(() => text.current?.setCustomValidity(invalid), [invalid]);

  // The popover closes on a press outside it, and on Escape with focus back on its button.
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    const escape = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', escape, true);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', escape, true);
    };
  }, [open]);

  const set = (v: string) => {
    if (value === undefined) setOwn(v);
    if (v !== committed) onChange?.(v);
  };
  /** Reads the typed text; true when it is a valid value (now committed). */
  const commit = (): boolean => {
    if (pending === null) return true;
    if (!pending.ok) {
      setError(invalid);
      return false;
    }
    setDraft(null);
    setError(null);
    set(pending.value);
    return true;
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      // Commit before the form's implicit submission reads the hidden input; an invalid
      // date stops the submission and says why instead of sending the old value.
      let ok = true;
      flushSync(() => (ok = commit()));
      if (!ok) e.preventDefault();
    } else if (e.key === 'Escape' && draft !== null) {
      setDraft(null);
      setError(null);
    }
  };
  const pick = (day: string) => {
    // A picked day keeps the time already typed; without one it stays a date alone.
    const time = withTime ? /T(\d{2}:\d{2})$/.exec(committed)?.[1] : undefined;
    setDraft(null);
    setError(null);
    set(time ? `${day}T${time}` : day);
    setOpen(false);
    toggle.current?.focus();
  };

  const labelText = typeof label === 'string' ? label : 'date';
  return (
    <div className="fw-field">
      <label htmlFor={id}>{label}</label>
      <div ref={box} className={withTime ? 'fw-date-field fw-date-field-time' : 'fw-date-field'}>
        <input
          ref={text}
          id={id}
          type="text"
          inputMode="text"
          autoComplete="off"
          spellCheck={false}
          name={hydrated ? undefined : name}
          data-testid={testId}
          placeholder={withTime ? 'd Mon yyyy hh:mm' : 'd Mon yyyy'}
          aria-required={required || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          value={draft ?? formatCalendarValue(committed)}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={onKey}
        />
        {hydrated && name && <input type="hidden" name={name} value={submitted} />}
        <button
          ref={toggle}
          type="button"
          className="fw-date-toggle"
          aria-label={`Calendar: ${labelText}`}
          aria-expanded={open}
          aria-haspopup="dialog"
          disabled={!hydrated}
          onClick={() => setOpen((o) => !o)}
        >
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.4">
            <rect x="2" y="3" width="12" height="11" rx="1.5" />
            <path d="M2 6.5h12M5.5 1.5v3M10.5 1.5v3" />
          </svg>
        </button>
        {open && (
          <div
            role="dialog"
            aria-label={`${labelText} calendar`}
            className={alignEnd ? 'fw-date-popover fw-date-popover-end' : 'fw-date-popover'}
          >
            <Suspense fallback={<p className="fw-muted">Loading calendar…</p>}>
              <DateCalendar
                value={committed.slice(0, 10) || undefined}
                min={min?.slice(0, 10)}
                max={max?.slice(0, 10)}
                label={labelText}
                onPick={pick}
              />
            </Suspense>
            {withTime && <p className="fw-date-time fw-fine">Type the time in the field (24 h).</p>}
          </div>
        )}
      </div>
      {error && (
        <span id={`${id}-error`} role="alert" className="fw-date-error">
          {error}
        </span>
      )}
    </div>
  );
}
