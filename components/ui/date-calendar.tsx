'use client';
import { DayPicker } from 'react-day-picker';
import { enGB } from 'react-day-picker/locale';
import 'react-day-picker/style.css';

const pad = (n: number) => String(n).padStart(2, '0');
/** The calendar works in the browser's local dates; values are plain `YYYY-MM-DD` days. */
const toDate = (iso?: string) =>
  iso ? new Date(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) : undefined;
const toIso = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/**
 * The month grid of a date field, loaded only when someone opens it (it is not part of any
 * page's first-load JS). react-day-picker gives the grid its keyboard model: arrows move by
 * day/week, Page Up/Down by month, Home/End to the week's ends, Enter picks.
 */
export default function DateCalendar({
  value,
  min,
  max,
  label,
  onPick,
}: {
  value?: string;
  min?: string;
  max?: string;
  label: string;
  onPick: (isoDate: string) => void;
}) {
  const selected = toDate(value);
  const disabled = [...(min ? [{ before: toDate(min)! }] : []), ...(max ? [{ after: toDate(max)! }] : [])];
  return (
    <DayPicker
      mode="single"
      locale={enGB}
      weekStartsOn={1}
      captionLayout="dropdown"
      startMonth={new Date(1990, 0)}
      endMonth={new Date(new Date().getFullYear() + 1, 11)}
      selected={selected}
      defaultMonth={selected ?? toDate(max) ?? undefined}
      disabled={disabled}
      // Opened by a press on the calendar button: focus moves into the grid so arrows work at once.
      // eslint-disable-next-line jsx-a11y/no-autofocus
      autoFocus
      aria-label={label}
      onSelect={(d) => d && onPick(toIso(d))}
    />
  );
}
