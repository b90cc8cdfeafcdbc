'use client';
import { useQuery } from '@tanstack/react-query';
import { SearchField } from '@/components/ui/search-field';
import { sourcesQuery, type QueueFilter } from '@/hooks/reports';
import type { ReportStatus } from '@/lib/intake/report-types';
import { REGIONS } from '@/lib/taxonomy/regions';
import { REPORT_STATUSES } from './queue-url';

const STATUS_LABEL: Record<ReportStatus, string> = { new: 'New', accepted: 'Accepted', merged: 'Merged', dismissed: 'Dismissed' };

/** Status (new by default), source and region of the queue. */
export function QueueFilters({ filter, onChange }: { filter: QueueFilter; onChange: (f: QueueFilter) => void }) {
  const sources = useQuery(sourcesQuery());
  return (
    <form className="fw-filters" aria-label="Queue filters" onSubmit={(e) => e.preventDefault()}>
      <label className="fw-field">
        <span>Status</span>
        <select value={filter.status} onChange={(e) => onChange({ ...filter, status: e.target.value as ReportStatus })}>
          {REPORT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="fw-field">
        <span>Source</span>
        <select
          value={filter.sourceId ?? ''}
          onChange={(e) => onChange({ ...filter, sourceId: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">All sources</option>
          {(sources.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.synthetic ? ' (synthetic)' : ''}
            </option>
          ))}
          {filter.sourceId !== null && !sources.data?.some((s) => s.id === filter.sourceId) && (
            <option value={filter.sourceId}>Source #{filter.sourceId}</option>
          )}
        </select>
      </label>
      <label className="fw-field">
        <span>Region</span>
        <select value={filter.region ?? ''} onChange={(e) => onChange({ ...filter, region: e.target.value || null })}>
          <option value="">All regions</option>
          {REGIONS.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
          <option value="none">Outside monitored regions</option>
        </select>
      </label>
      <SearchField
        placeholder="Words in the report"
        delayMs={400}
        value={filter.q ?? ''}
        onCommit={(q) => onChange({ ...filter, q: q || null })}
      />
    </form>
  );
}
