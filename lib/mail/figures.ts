/** Figures written the same way in the HTML and the plain-text part, so both say the same thing. */
import type { Change } from '@/lib/reports/change';
import type { IncidentRef, Totals, TrendWeek } from '@/lib/reports/types';

/** "+3", "−2", "0" (a real minus sign, as on the report page). */
export const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0');

/** "+40%", "new (no baseline)", "unchanged". */
export const changeText = (c: Change): string => c.label;

/** "7 security forces, 2 civilians, 1 militant, 0 not attributed". */
export function splitText(s: Totals['killedBy']): string {
  return `${s.security} security forces, ${s.civilians} civilians, ${s.militants} militants, ${s.unattributed} not attributed`;
}

/** "3 killed, 2 injured", with "?" where the count is not reported. */
export const casualties = (r: Pick<IncidentRef, 'killed' | 'injured'>): string => `${r.killed ?? '?'} killed, ${r.injured ?? '?'} injured`;

/** The highest weekly incident count in the trend (at least 1, so bars of an empty trend are 0 wide). */
export const trendMax = (trend: TrendWeek[]): number => Math.max(1, ...trend.map((w) => w.incidents));

/** `frontier-watch-2024-W50.csv`; the week must be an ISO week id (it ends up in a header). */
export function csvFilename(week: string): string {
  if (!/^\d{4}-W\d{2}$/.test(week)) throw new RangeError(`not an ISO week: ${week.slice(0, 20)}`);
  return `frontier-watch-${week}.csv`;
}
