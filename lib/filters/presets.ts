import { dayToDate, localDay } from '@/lib/time/zone';
import type { ViewFilter } from './schema';

export const TIME_PRESETS = ['24h', '7d', '30d', '90d', '1y', 'all'] as const;
export type TimePreset = (typeof TIME_PRESETS)[number];

export const PRESET_LABELS: Record<TimePreset, string> = {
  '24h': '24 h',
  '7d': '7 d',
  '30d': '30 d',
  '90d': '90 d',
  '1y': '1 y',
  all: 'All',
};

const DAYS: Record<Exclude<TimePreset, '24h' | 'all'>, number> = { '7d': 7, '30d': 30, '90d': 90, '1y': 365 };
const HOUR_MS = 3_600_000;

/** `2024-12-15T20:30:00Z`: an instant to the second, as the API accepts it. */
export const isoInstant = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * The from/to a preset stands for. `24h` is a rolling window of instants, left open at the end so
 * live incidents stay in view; day presets are whole calendar days in the reporting zone,
 * ending today (inclusive).
 */
export function presetRange(preset: TimePreset, now: number, timeZone: string): Pick<ViewFilter, 'from' | 'to'> {
  if (preset === 'all') return { from: undefined, to: undefined };
  if (preset === '24h') return { from: isoInstant(now - 24 * HOUR_MS), to: undefined };
  const today = localDay(now, timeZone);
  return { from: dayToDate(today - DAYS[preset] + 1), to: dayToDate(today) };
}

/** Which preset a filter's time window is, if any (24 h tolerates the minutes since it was chosen). */
export function matchPreset(filter: Pick<ViewFilter, 'from' | 'to'>, now: number, timeZone: string): TimePreset | null {
  const { from, to } = filter;
  if (!from && !to) return 'all';
  if (from && !to && from.includes('T')) {
    const age = now - Date.parse(from);
    return age >= 23 * HOUR_MS && age <= 25 * HOUR_MS ? '24h' : null;
  }
  for (const p of ['7d', '30d', '90d', '1y'] as const) {
    const r = presetRange(p, now, timeZone);
    if (r.from === from && r.to === to) return p;
  }
  return null;
}
