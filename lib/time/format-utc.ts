/** `2026-11-25 12:34 UTC`, or an em dash for null. */
export function formatUtc(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
