'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { incidentPageQuery, PAGE_SIZE } from '@/hooks/queries';
import type { IncidentItem } from '@/lib/incidents/item';
import { useSelection } from '@/components/map/selection';
import { formatShort, placeOf } from './format';

const PLACEHOLDER_ROWS = Array.from({ length: PAGE_SIZE }, (_, i) => i);

type SortKey = 'date' | 'killed' | 'group' | 'place';
const SORTS: Record<SortKey, (a: IncidentItem, b: IncidentItem) => number> = {
  date: (a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.id - a.id,
  killed: (a, b) => (b.killed ?? -1) - (a.killed ?? -1),
  group: (a, b) => a.groupName.localeCompare(b.groupName),
  place: (a, b) => placeOf(a).localeCompare(placeOf(b)),
};

/**
 * Newest-first pages from GET /api/incidents (keyset cursors, so pages stay stable while rows
 * arrive). Column sorting reorders the page in view; the API pages by time.
 */
export function IncidentList({ qs, timeZone }: { qs: string; timeZone: string }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'date', dir: 1 });
  const cursor = cursors.at(-1) ?? null;
  const { data, isPending, error } = useQuery(incidentPageQuery(qs, cursor));
  const { hovered, selected, recent, setHovered, select } = useSelection();
  const items = data ? [...data.items].sort((a, b) => SORTS[sort.key](a, b) * sort.dir) : [];
  const page = cursors.length;
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.dir === 1 ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="fw-sort" onClick={() => setSort((s) => ({ key, dir: s.key === key ? (-s.dir as 1 | -1) : 1 }))}>
        {label}
      </button>
    </th>
  );

  return (
    <section className="fw-panel fw-list" aria-label="Incidents">
      <div className="fw-table-wrap">
        <table className="fw-table" aria-busy={isPending}>
          <thead>
            <tr>
              {header('date', 'Date')}
              {header('place', 'Place')}
              {header('group', 'Group')}
              {header('killed', 'Killed')}
            </tr>
          </thead>
          <tbody>
            {items.map((it) => (
              <tr
                key={it.id}
                data-testid="incident-row"
                data-incident-id={it.id}
                tabIndex={0}
                aria-selected={selected === it.id}
                className={[hovered === it.id ? 'is-hovered' : '', recent.has(it.id) ? 'is-new' : ''].join(' ')}
                onMouseEnter={() => setHovered(it.id)}
                onMouseLeave={() => setHovered(null)}
                onFocus={() => setHovered(it.id)}
                onClick={() => select(it.id)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), select(it.id))}
              >
                <td className="tabular fw-date">{formatShort(it, timeZone)}</td>
                <td>{it.location ?? placeOf(it)}</td>
                <td>
                  <span className="fw-swatch" style={{ background: it.groupColour }} aria-hidden /> {it.groupName}
                </td>
                <td className="tabular fw-num">{it.killed ?? '–'}</td>
              </tr>
            ))}
            {/* A page of blank rows holds the panel's height until the first page arrives (no layout shift). */}
            {isPending &&
              PLACEHOLDER_ROWS.map((i) => (
                <tr key={i} className="fw-row-placeholder" aria-hidden>
                  <td colSpan={4}>–</td>
                </tr>
              ))}
          </tbody>
        </table>
        {isPending && (
          <p className="sr-only" role="status">
            Loading incidents…
          </p>
        )}
        {error && (
          <p role="alert" className="fw-pad">
            Could not load incidents. They will reload when the connection returns.
          </p>
        )}
        {data && data.items.length === 0 && (
          <p className="fw-muted fw-pad">No incidents match these filters. Widen the time window or clear a filter.</p>
        )}
      </div>
      <nav className="fw-pager" aria-label="Incident pages">
        <button type="button" className="fw-button" disabled={page === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Newer
        </button>
        <span className="tabular fw-muted">
          {data
            ? `${((page - 1) * PAGE_SIZE + (data.items.length ? 1 : 0)).toLocaleString('en-US')}–${((page - 1) * PAGE_SIZE + data.items.length).toLocaleString('en-US')} of ${data.total.toLocaleString('en-US')}`
            : ' '}
        </span>
        <button
          type="button"
          className="fw-button"
          disabled={!data?.nextCursor}
          onClick={() => data?.nextCursor && setCursors((c) => [...c, data.nextCursor])}
        >
          Older
        </button>
      </nav>
    </section>
  );
}
