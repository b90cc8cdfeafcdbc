/**
 * Week-over-week change that stays honest at zero: 0→0 is "unchanged", 0→n has no baseline
 * (never "+∞%"), n→0 is −100%. Baselines may be fractional (a 4-week average).
 */
export type ChangeKind = 'unchanged' | 'new' | 'up' | 'down';

export interface Change {
  kind: ChangeKind;
  from: number;
  to: number;
  delta: number;
  /** Percentage change, rounded to a whole number; null when there is no baseline. */
  pct: number | null;
  label: string;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function percentChange(from: number, to: number): Change {
  const delta = round1(to - from);
  if (from === 0 && to === 0) return { kind: 'unchanged', from, to, delta: 0, pct: 0, label: 'unchanged' };
  if (from === 0) return { kind: 'new', from, to, delta, pct: null, label: 'new (no baseline)' };
  if (to === from) return { kind: 'unchanged', from, to, delta: 0, pct: 0, label: 'unchanged' };
  const pct = Math.round(((to - from) / from) * 100);
  const kind: ChangeKind = to > from ? 'up' : 'down';
  // A real but tiny change can round to 0%: say so rather than print "+0%".
  const shown = pct === 0 ? (kind === 'up' ? '<+1%' : '>−1%') : `${pct > 0 ? '+' : '−'}${Math.abs(pct)}%`;
  return { kind, from, to, delta, pct, label: shown };
}

export type Direction = 'deteriorated' | 'improved' | 'unchanged';

/**
 * Tolerance for calling a move real: more than 1 and more than 10% of the baseline. Week-to-week
 * noise of one incident (or a few percent on large counts) is not a trend.
 */
export const DIRECTION_TOLERANCE = { absolute: 1, relative: 0.1 } as const;

export function exceedsTolerance(from: number, to: number): boolean {
  return Math.abs(to - from) > Math.max(DIRECTION_TOLERANCE.absolute, DIRECTION_TOLERANCE.relative * from);
}

/**
 * CrisisWatch-style verdict on violence: more incidents or more killed (beyond the tolerance)
 * is a deterioration, even if the other fell; fewer of either with neither rising is an improvement.
 */
export function direction(from: { incidents: number; killed: number }, to: { incidents: number; killed: number }): Direction {
  const rose = (k: 'incidents' | 'killed') => to[k] > from[k] && exceedsTolerance(from[k], to[k]);
  const fell = (k: 'incidents' | 'killed') => to[k] < from[k] && exceedsTolerance(from[k], to[k]);
  if (rose('incidents') || rose('killed')) return 'deteriorated';
  if (fell('incidents') || fell('killed')) return 'improved';
  return 'unchanged';
}

export const DIRECTION_ARROW: Record<Direction, string> = { deteriorated: '▲', improved: '▼', unchanged: '▶' };
