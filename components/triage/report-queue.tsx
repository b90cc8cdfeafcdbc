'use client';
import type { ReportItem } from '@/lib/intake/report-types';
import { formatInstant, outletOf, regionName } from './format';

interface Props {
  items: ReportItem[];
  selected: number | null;
  onSelect: (id: number) => void;
  /** Reports that arrived over the live stream since the page opened. */
  arrived: ReadonlySet<number>;
  timeZone: string;
}

function QueueRow({
  r,
  selected,
  arrived,
  onSelect,
  timeZone,
}: { r: ReportItem; selected: boolean; arrived: boolean } & Pick<Props, 'onSelect' | 'timeZone'>) {
  const region = regionName(r.region);
  return (
    <li>
      <button
        type="button"
        className={`fw-queue-item${arrived ? ' is-new' : ''}`}
        data-testid="report-item"
        data-report-id={r.id}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(r.id)}
      >
        <span className="fw-queue-title">{r.title ?? r.text.slice(0, 90)}</span>
        <span className="fw-muted fw-queue-meta">
          {outletOf(r)} · <time dateTime={r.publishedAt ?? r.fetchedAt}>{formatInstant(r.publishedAt ?? r.fetchedAt, timeZone)}</time>
          {region && <> · {region}</>}
        </span>
        {r.duplicateOf !== null && (
          <span className="fw-badge" data-testid="report-duplicate">
            duplicate of #{r.duplicateOf}
          </span>
        )}
        {arrived && <span className="fw-badge fw-badge-new">new</span>}
      </button>
    </li>
  );
}

/**
 * The queue: reports of incidents first; those the extractor judged not to be an incident (a
 * funeral, a hearing, a statement) sit apart below, so they can be dismissed in a batch.
 */
export function ReportQueue({ items, selected, onSelect, arrived, timeZone }: Props) {
  const groups = [
    { id: 'incidents', label: 'Incidents', rows: items.filter((r) => r.isIncident) },
    { id: 'not-incidents', label: 'Not incidents', rows: items.filter((r) => !r.isIncident) },
  ];
  return (
    <>
      {groups.map((g) =>
        g.rows.length === 0 ? null : (
          <section key={g.id} aria-labelledby={`fw-queue-${g.id}`} className="fw-queue-group">
            <h2 id={`fw-queue-${g.id}`}>
              {g.label} <span className="fw-muted tabular">({g.rows.length})</span>
            </h2>
            <ul className="fw-queue">
              {g.rows.map((r) => (
                <QueueRow
                  key={r.id}
                  r={r}
                  selected={r.id === selected}
                  arrived={arrived.has(r.id)}
                  onSelect={onSelect}
                  timeZone={timeZone}
                />
              ))}
            </ul>
          </section>
        ),
      )}
    </>
  );
}

/** The queue in the order j/k walk it (incidents, then not-incidents), as shown. */
export function queueOrder(items: ReportItem[]): number[] {
  return [...items.filter((r) => r.isIncident), ...items.filter((r) => !r.isIncident)].map((r) => r.id);
}
