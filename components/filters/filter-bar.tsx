'use client';
import type { Facets } from '@/db/queries/facets';
import type { ViewFilter } from '@/lib/filters/schema';
import { EVENT_TAXONOMY } from '@/lib/taxonomy/event-types';
import { isRegionId, REGIONS, type RegionId } from '@/lib/taxonomy/regions';

import { CLAIM_STATUSES } from '@/lib/incidents/record';
import { isDatasetName, type DatasetName } from '@/lib/datasets/dataset-bits';
import { MultiSelect } from '@/components/ui/multi-select';
import { SearchField } from '@/components/ui/search-field';
import { TimeFilter } from './time-filter';

const isRegionFilterValue = (r: string): r is RegionId | 'none' => r === 'none' || isRegionId(r);
const CLAIM_OPTIONS = [
  { value: 'claimed', label: 'Claimed' },
  { value: 'unclaimed', label: 'Unclaimed' },
  { value: 'disputed', label: 'Disputed (denied or two claimants)' },
] satisfies { value: (typeof CLAIM_STATUSES)[number]; label: string }[];
const isClaimStatus = (c: string): c is (typeof CLAIM_STATUSES)[number] => (CLAIM_STATUSES as readonly string[]).includes(c);
/** The `source` filter: an incident merged from two datasets is found under both. */
const DATASET_OPTIONS = [
  { value: 'acled', label: 'ACLED' },
  { value: 'ucdp', label: 'UCDP GED' },
  { value: 'gtd', label: 'GTD' },
  { value: 'report', label: 'Reports (triage)' },
  { value: 'api', label: 'API / native CSV' },
  { value: 'demo', label: 'Demo' },
] satisfies { value: DatasetName; label: string }[];

interface Props {
  filter: ViewFilter;
  facets: Facets | undefined;
  timeZone: string;
  onChange: (patch: Partial<ViewFilter>, opts?: { replace?: boolean }) => void;
}

/** Every filter control; each writes to the URL through `onChange`. */
export function FilterBar({ filter, facets, timeZone, onChange }: Props) {
  const groupOptions = (facets?.groups ?? []).map((g) => ({ value: g.value, label: g.name, count: g.count, colour: g.colour }));
  const regionCounts = new Map((facets?.regions ?? []).map((r) => [r.value, r.count]));
  const regionOptions = [
    ...REGIONS.map((r) => ({ value: r.id, label: r.name })),
    { value: 'none', label: 'Outside monitored regions' },
  ].map((o) => ({ ...o, count: regionCounts.get(o.value) ?? 0 }));
  const typeCounts = new Map([...(facets?.eventTypes ?? []), ...(facets?.subEventTypes ?? [])].map((t) => [t.value, t.count]));
  const withCount = (t: string) => `${t}${typeCounts.has(t) ? ` (${typeCounts.get(t)!.toLocaleString('en-US')})` : ''}`;

  return (
    <form className="fw-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <TimeFilter filter={filter} timeZone={timeZone} onChange={(r) => onChange(r)} />
      <MultiSelect label="Group" options={groupOptions} selected={filter.group ?? []} onChange={(group) => onChange({ group })} />
      <MultiSelect
        label="Region"
        options={regionOptions}
        selected={filter.region ?? []}
        onChange={(region) => onChange({ region: region.filter(isRegionFilterValue) })}
      />
      <label className="fw-field">
        <span>Type</span>
        <select value={filter.type?.[0] ?? ''} onChange={(e) => onChange({ type: e.target.value ? [e.target.value] : undefined })}>
          <option value="">Any type</option>
          {Object.entries(EVENT_TAXONOMY).map(([type, subs]) => (
            <optgroup key={type} label={type}>
              <option value={type}>{withCount(type)} — all</option>
              {subs.map((s) => (
                <option key={s} value={s}>
                  {withCount(s)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label className="fw-field fw-narrow">
        <span>Min. killed</span>
        <input
          type="number"
          min={0}
          max={100000}
          inputMode="numeric"
          value={filter.minKilled ?? ''}
          onChange={(e) =>
            onChange({ minKilled: e.target.value ? Math.max(0, Math.floor(Number(e.target.value))) : undefined }, { replace: true })
          }
        />
      </label>
      <MultiSelect
        label="Claim"
        options={CLAIM_OPTIONS}
        selected={filter.claimStatus ?? []}
        onChange={(c) => onChange({ claimStatus: c.filter(isClaimStatus) })}
      />
      <MultiSelect
        label="Dataset"
        options={DATASET_OPTIONS}
        selected={filter.source ?? []}
        onChange={(s) => onChange({ source: s.filter(isDatasetName) })}
      />
      <label className="fw-field fw-narrow">
        <span>Min. sources</span>
        <input
          type="number"
          min={1}
          max={1000}
          inputMode="numeric"
          aria-describedby="fw-min-sources-help"
          value={filter.minSources ?? ''}
          onChange={(e) => {
            const n = Math.floor(Number(e.target.value));
            onChange({ minSources: e.target.value && n > 1 ? Math.min(n, 1000) : undefined }, { replace: true });
          }}
        />
        <small id="fw-min-sources-help" className="sr-only">
          Independent reports behind an incident; 2 or more keeps corroborated incidents.
        </small>
      </label>
      <SearchField
        className="fw-field fw-grow"
        placeholder="Place, actor, notes…"
        value={filter.q ?? ''}
        onCommit={(q) => onChange({ q: q || undefined })}
      />
    </form>
  );
}
