'use client';
import { DateField } from '@/components/ui/date-field';
import { useMinuteClock } from '@/hooks/use-minute-clock';
import { matchPreset, PRESET_LABELS, presetRange, TIME_PRESETS } from '@/lib/filters/presets';
import type { ViewFilter } from '@/lib/filters/schema';
import { localDate } from '@/lib/time/zone';

/** Presets plus a custom from/to (calendar dates in the reporting zone). */
export function TimeFilter({
  filter,
  timeZone,
  onChange,
}: {
  filter: ViewFilter;
  timeZone: string;
  onChange: (patch: Pick<ViewFilter, 'from' | 'to'>) => void;
}) {
  // Presets are judged against "now" after hydration only, so server and client render the same markup.
  const now = useMinuteClock();
  const active = now === null ? null : matchPreset(filter, now, timeZone);
  const asDate = (v?: string) => (!v ? '' : v.includes('T') ? localDate(Date.parse(v), timeZone) : v);

  return (
    <div className="fw-time" role="group" aria-label="Time window">
      <div className="fw-presets">
        {TIME_PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            aria-pressed={active === p}
            className="fw-chip"
            onClick={() => onChange(presetRange(p, Date.now(), timeZone))}
          >
            {PRESET_LABELS[p]}
          </button>
        ))}
      </div>
      <DateField
        label="From"
        testId="filter-from"
        value={asDate(filter.from)}
        max={asDate(filter.to) || undefined}
        onChange={(v) => onChange({ from: v || undefined, to: filter.to })}
      />
      <DateField
        label="To"
        testId="filter-to"
        value={asDate(filter.to)}
        min={asDate(filter.from) || undefined}
        onChange={(v) => onChange({ from: filter.from, to: v || undefined })}
      />
    </div>
  );
}
