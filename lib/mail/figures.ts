/** Figures written the same way in the HTML and the plain-text part, so both say the same thing. */
import { DIRECTION_ARROW, type Change } from '@/lib/reports/change';
import type { IncidentRef, Totals, TrendWeek, WeeklyReport } from '@/lib/reports/types';

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

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The page's two verdicts: "▲ Deteriorated against 2024-W49 (12 incidents, 30 killed)" and the same against the 4-week average. */
export function directionLines(r: WeeklyReport): string[] {
  const line = (d: WeeklyReport['change']['previous']['direction'], against: string, c: { incidents: number; killed: number }) =>
    `${DIRECTION_ARROW[d]} ${d[0].toUpperCase()}${d.slice(1)} against ${against} (${round1(c.incidents)} incidents, ${round1(c.killed)} killed)`;
  return [
    line(r.change.previous.direction, r.previous.week, r.previous),
    line(r.change.fourWeekAverage.direction, 'the 4-week average', r.fourWeekAverage),
  ];
}
