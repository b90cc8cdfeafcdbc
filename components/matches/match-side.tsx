import Link from 'next/link';
import type { IncidentItem } from '@/lib/incidents/item';

const figure = (n: number | null) => (n === null ? 'unknown' : n.toLocaleString('en-US'));

/** One incident of a proposal: what an analyst compares (text nodes only; nothing built as HTML). */
export function MatchSide({ label, item }: { label: string; item: IncidentItem | null }) {
  if (!item)
    return (
      <section className="fw-match-side">
        <h2>{label}</h2>
        <p className="fw-muted">No longer stored.</p>
      </section>
    );
  const place = [item.location, item.admin2, item.admin1, item.country].filter(Boolean).join(', ');
  return (
    <section className="fw-match-side">
      <h2>{label}</h2>
      <dl>
        <dt>Record</dt>
        <dd>
          {item.source} {item.sourceId}
        </dd>
        <dt>Date</dt>
        <dd>
          {item.occurredDate}
          {item.timePrecision > 1 ? ` (${item.timePrecision === 2 ? 'within a week' : 'within a month or coarser'})` : ''}
        </dd>
        <dt>Place</dt>
        <dd>
          {place} ({item.lat.toFixed(4)}, {item.lon.toFixed(4)})
        </dd>
        <dt>Type</dt>
        <dd>
          {item.eventType} / {item.subEventType}
        </dd>
        <dt>Actors</dt>
        <dd>{[item.actor1, item.actor2].filter(Boolean).join(' vs ') || item.groupName}</dd>
        <dt>Killed / injured</dt>
        <dd>
          {figure(item.killed)} / {figure(item.injured)}
        </dd>
        <dt>Datasets</dt>
        <dd>{item.datasets.join(', ')}</dd>
      </dl>
      {item.notes && <p className="fw-match-notes">{item.notes}</p>}
      <Link href={`/?incident=${item.id}`} prefetch={false}>
        Open on the map
      </Link>
    </section>
  );
}
