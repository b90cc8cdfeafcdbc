import { DIRECTION_ARROW, type Change, type Direction } from '@/lib/reports/change';

const DIRECTION_TEXT: Record<Direction, string> = { deteriorated: 'Deteriorated', improved: 'Improved', unchanged: 'Unchanged' };

export function DirectionBadge({ direction, against }: { direction: Direction; against: string }) {
  return (
    <span className={`direction direction-${direction}`} data-testid="direction">
      <span aria-hidden="true">{DIRECTION_ARROW[direction]}</span> {DIRECTION_TEXT[direction]}{' '}
      <span className="fw-muted">vs {against}</span>
    </span>
  );
}

/** "+40%", "−100%", "new (no baseline)", "unchanged" with an arrow; colour follows violence (up = worse). */
export function ChangeText({ change }: { change: Change }) {
  const arrow = change.kind === 'up' || change.kind === 'new' ? '▲' : change.kind === 'down' ? '▼' : '▶';
  return (
    <span className={`change change-${change.kind}`}>
      <span aria-hidden="true">{arrow}</span> {change.label}
    </span>
  );
}

export function Delta({ value }: { value: number }) {
  return (
    <span className={value > 0 ? 'change change-up' : value < 0 ? 'change change-down' : 'fw-muted'}>
      {value > 0 ? `+${value}` : value < 0 ? `−${Math.abs(value)}` : '0'}
    </span>
  );
}
