import { formatInstantIn } from './calendar-text';

/** `25 Nov 2026 12:34 UTC` (the app's one date format, zone named), or an em dash for null. */
export function formatUtc(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return formatInstantIn(ms, 'UTC');
}
